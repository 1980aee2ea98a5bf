import { describe, expect, it } from 'vitest';
import { createCluster, setEditorHook } from '../../index.ts';

const setup = () => {
  const c = createCluster({ seed: 7 });
  c.run('kubectl create deployment web --image=nginx --replicas=2');
  c.runUntilIdle();
  return c;
};
const replicas = (c: ReturnType<typeof setup>) => (c.get('deploy', 'web')?.spec as { replicas: number }).replicas;

// Texts from staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go.
describe('kubectl edit', () => {
  it('a non-interactive EDITOR run through the lab shell edits the object', () => {
    const c = setup();
    const r = c.run('EDITOR="sed -i s/replicas:\\ 2/replicas:\\ 5/" kubectl edit deploy/web');
    expect(r).toMatchObject({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(replicas(c)).toBe(5);
  });

  it('KUBE_EDITOR wins over EDITOR; an unchanged file cancels', () => {
    const c = setup();
    const r = c.run('KUBE_EDITOR=true EDITOR="sed -i s/nginx/httpd/" kubectl edit deployment web');
    expect(r).toMatchObject({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
  });

  it('the file starts with the edit header and has no managedFields', () => {
    const c = setup();
    let seen = '';
    setEditorHook(c, ({ content }) => {
      seen = content;
      return undefined;
    });
    c.run('kubectl edit deploy web');
    expect(seen.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    expect(seen).not.toContain('managedFields');
  });

  it('an invalid edit reopens with the errors; saving it again gives up and keeps the file', () => {
    const c = setup();
    const files: string[] = [];
    setEditorHook(c, ({ content }) => {
      files.push(content);
      return content.replace(/\n {2}replicas: \d+\n {2}revisionHistoryLimit/, '\n  replicas: -1\n  revisionHistoryLimit');
    });
    const r = c.run('kubectl edit deploy web');
    expect(files.length).toBe(2);
    expect(files[1]).toContain('#\n# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved.\n$/);
    expect(replicas(c)).toBe(2);
  });

  it('a syntax error reopens too; an emptied file aborts', () => {
    const c = setup();
    let n = 0;
    setEditorHook(c, ({ content }) => (n++ === 0 ? content.replace('kind: Deployment', 'kind: [') : ''));
    const r = c.run('kubectl edit deploy web');
    expect(r.stderr).toBe('Edit cancelled, saved file was empty.\n');
    expect(n).toBe(2);
  });

  it('no editor at all', () => {
    const c = setup();
    expect(c.run('kubectl edit deploy web').stderr).toBe('error: there was a problem with the editor "vi"\n');
    expect(c.run('kubectl edit deploy nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
