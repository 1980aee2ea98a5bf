// kubectl apply's three-way merge lives with the other patch kinds in api/patch/.
export { threeWayMerge } from '../../api/patch/index.ts';
