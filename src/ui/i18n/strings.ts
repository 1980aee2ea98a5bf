/**
 * The lab's UI strings in English and Simplified Chinese. Only the page's own words live here: what
 * Kubernetes prints (statuses, reasons, kubectl output) stays as the cluster says it, in every language.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  'lang.name': 'English',
  'header.summary.nodes': 'nodes',
  'header.summary.node': 'node',
  'header.summary.pods': 'pods',
  'header.summary.pod': 'pod',
  'header.summary.running': 'running',
  'header.clock': 'cluster time',
  'header.clock.title': 'Virtual cluster time since start',
  'header.speed': 'Simulation speed',
  'header.pause': 'Pause',
  'header.reset': 'Reset',
  'header.reset.title': 'Start over with a fresh cluster',
  'header.theme.light': 'Light theme',
  'header.theme.dark': 'Dark theme',
  'header.language': 'Language',
  'panel.cluster': 'Cluster',
  'panel.terminal': 'Terminal',
  'panel.editor': 'Editor',
  'panel.events': 'Events',
  'panel.inspector': 'Inspector',
  'panel.inspector.hide': 'Hide inspector',
  'panel.inspector.show': 'Show inspector',
  'panel.tabs': 'Panels',
  'terminal.hint.history': 'history',
  'terminal.hint.cancel': 'cancel',
  'terminal.hint.clear': 'clear',
  'legend.running': 'Running',
  'legend.pending': 'Pending',
  'legend.failing': 'Failing',
  'legend.terminating': 'Terminating',
  'legend.completed': 'Completed',
  'graph.noNodes': 'No nodes yet',
  'graph.noNodes.text': 'The cluster has no nodes registered. Reset the lab to start a fresh cluster.',
  'graph.noPods': 'No pods yet',
  'graph.noPods.try': 'Try',
  'editor.apply': 'Apply',
  'editor.apply.title': 'Write the file and run kubectl apply -f (Ctrl/Cmd+Enter)',
  'editor.loading': 'Loading the editor…',
  'editor.loadFailed': 'The editor could not be loaded.',
  'editor.applied': 'Applied',
  'editor.failed': 'kubectl apply failed',
  'editor.file': 'File',
  'events.empty': 'No events yet',
  'events.col.type': 'Type',
  'events.col.reason': 'Reason',
  'events.col.object': 'Object',
  'events.col.message': 'Message',
  'events.col.age': 'Age',
  'inspector.empty': 'Select a pod or a node in the graph, or an object in the events list.',
  'inspector.gone': 'This object no longer exists.',
  'inspector.summary': 'Summary',
  'inspector.status': 'Status',
  'inspector.node': 'Node',
  'inspector.ip': 'IP',
  'inspector.namespace': 'Namespace',
  'inspector.conditions': 'Conditions',
  'inspector.labels': 'Labels',
  'inspector.containers': 'Containers',
  'inspector.restarts': 'restarts',
  'inspector.events': 'Events',
  'inspector.noEvents': 'No events.',
  'inspector.yaml': 'YAML',
  'inspector.none': '<none>',
  'inspector.capacity': 'Capacity',
  'inspector.allocatable': 'Allocatable',
  'inspector.taints': 'Taints',
  'inspector.pods': 'Pods',
  'inspector.close': 'Clear selection',
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'lang.name': '简体中文',
  'header.summary.nodes': '个节点',
  'header.summary.node': '个节点',
  'header.summary.pods': '个 Pod',
  'header.summary.pod': '个 Pod',
  'header.summary.running': '个运行中',
  'header.clock': '集群时间',
  'header.clock.title': '集群启动以来的虚拟时间',
  'header.speed': '模拟速度',
  'header.pause': '暂停',
  'header.reset': '重置',
  'header.reset.title': '使用全新的集群重新开始',
  'header.theme.light': '浅色主题',
  'header.theme.dark': '深色主题',
  'header.language': '语言',
  'panel.cluster': '集群',
  'panel.terminal': '终端',
  'panel.editor': '编辑器',
  'panel.events': '事件',
  'panel.inspector': '检查器',
  'panel.inspector.hide': '隐藏检查器',
  'panel.inspector.show': '显示检查器',
  'panel.tabs': '面板',
  'terminal.hint.history': '历史',
  'terminal.hint.cancel': '取消',
  'terminal.hint.clear': '清屏',
  'legend.running': '运行中',
  'legend.pending': '等待中',
  'legend.failing': '失败',
  'legend.terminating': '终止中',
  'legend.completed': '已完成',
  'graph.noNodes': '还没有节点',
  'graph.noNodes.text': '集群中没有已注册的节点。重置实验以启动新的集群。',
  'graph.noPods': '还没有 Pod',
  'graph.noPods.try': '试试',
  'editor.apply': '应用',
  'editor.apply.title': '保存文件并运行 kubectl apply -f（Ctrl/Cmd+Enter）',
  'editor.loading': '正在加载编辑器…',
  'editor.loadFailed': '编辑器加载失败。',
  'editor.applied': '已应用',
  'editor.failed': 'kubectl apply 失败',
  'editor.file': '文件',
  'events.empty': '还没有事件',
  'events.col.type': '类型',
  'events.col.reason': '原因',
  'events.col.object': '对象',
  'events.col.message': '消息',
  'events.col.age': '时长',
  'inspector.empty': '在图中选择一个 Pod 或节点，或在事件列表中选择一个对象。',
  'inspector.gone': '该对象已不存在。',
  'inspector.summary': '概要',
  'inspector.status': '状态',
  'inspector.node': '节点',
  'inspector.ip': 'IP',
  'inspector.namespace': '命名空间',
  'inspector.conditions': '状况',
  'inspector.labels': '标签',
  'inspector.containers': '容器',
  'inspector.restarts': '次重启',
  'inspector.events': '事件',
  'inspector.noEvents': '没有事件。',
  'inspector.yaml': 'YAML',
  'inspector.none': '<none>',
  'inspector.capacity': '容量',
  'inspector.allocatable': '可分配',
  'inspector.taints': '污点',
  'inspector.pods': 'Pod',
  'inspector.close': '取消选择',
};

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zh };

export function translate(locale: Locale, key: MessageKey): string {
  return TABLES[locale][key] ?? en[key];
}

/** The UI language for a browser's language list: Chinese for any `zh` tag, English otherwise. */
export function detectLocale(languages: readonly string[] | undefined): Locale {
  for (const l of languages ?? []) {
    const tag = l.toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}
