import type { Locale } from '../i18n/strings.ts';

/** The workspace's own messages (persistence, import/export, sharing, embedding), English and Simplified Chinese. */
const en = {
  'ws.reset.confirm': 'Start over with a fresh cluster? Your commands, the cluster and the terminal history of this lab are discarded (lesson progress is kept).',
  'ws.export': 'Export',
  'ws.export.title': 'Download this lab (cluster, editor files, terminal history) as a JSON file',
  'ws.import': 'Import',
  'ws.import.title': 'Open a lab file exported from Kubelab',
  'ws.import.confirm': 'Replace your current lab with the imported one?',
  'ws.import.invalid': 'That file is not a Kubelab lab file.',
  'ws.share': 'Share',
  'ws.share.title': 'Copy a link that rebuilds this lab for someone else',
  'ws.share.copied': 'Link copied',
  'ws.share.ready': 'Share link',
  'ws.share.tooLong': 'This lab is too long to share as a link; export it as a file instead.',
  'ws.share.confirm': 'Open the shared lab? It replaces your current lab (its commands are replayed; nothing else runs).',
  'ws.share.invalid': 'The shared link is damaged or from another version; it was ignored.',
  'ws.restoring': 'Restoring your lab…',
} as const;

export type WsKey = keyof typeof en;

const zh: Record<WsKey, string> = {
  'ws.reset.confirm': '使用全新的集群重新开始？此实验的命令、集群和终端历史将被丢弃（课程进度保留）。',
  'ws.export': '导出',
  'ws.export.title': '将此实验（集群、编辑器文件、终端历史）下载为 JSON 文件',
  'ws.import': '导入',
  'ws.import.title': '打开从 Kubelab 导出的实验文件',
  'ws.import.confirm': '用导入的实验替换当前实验？',
  'ws.import.invalid': '该文件不是 Kubelab 实验文件。',
  'ws.share': '分享',
  'ws.share.title': '复制一个可为他人重建此实验的链接',
  'ws.share.copied': '链接已复制',
  'ws.share.ready': '分享链接',
  'ws.share.tooLong': '此实验太长，无法作为链接分享；请改为导出文件。',
  'ws.share.confirm': '打开分享的实验？它将替换当前实验（仅重放其命令，不运行其他内容）。',
  'ws.share.invalid': '分享链接已损坏或来自其他版本，已忽略。',
  'ws.restoring': '正在恢复你的实验…',
};

export function wsText(locale: Locale, key: WsKey): string {
  return locale === 'zh-CN' ? zh[key] : en[key];
}
