import { describe, expect, it } from 'vitest';
import { detectLocale, LOCALES, MESSAGE_KEYS, translate, type MessageKey } from './strings.ts';

describe('detectLocale', () => {
  const cases: Array<{ name: string; langs: string[] | undefined; want: string }> = [
    { name: 'nothing known', langs: undefined, want: 'en' },
    { name: 'English', langs: ['en-US', 'en'], want: 'en' },
    { name: 'Simplified Chinese', langs: ['zh-CN'], want: 'zh-CN' },
    { name: 'any zh tag', langs: ['zh-Hans-SG'], want: 'zh-CN' },
    { name: 'first known language wins', langs: ['fr-FR', 'zh-TW', 'en'], want: 'zh-CN' },
    { name: 'English before Chinese', langs: ['en-GB', 'zh-CN'], want: 'en' },
    { name: 'unsupported only', langs: ['de-DE'], want: 'en' },
  ];
  for (const c of cases) it(c.name, () => expect(detectLocale(c.langs)).toBe(c.want));
});

describe('translate', () => {
  it('has Chinese for the dock tabs', () => {
    expect(['panel.terminal', 'panel.editor', 'panel.events'].map((k) => translate('zh-CN', k as MessageKey))).toEqual(['终端', '编辑器', '事件']);
  });
  it('every locale names itself', () => {
    expect(LOCALES.map((l) => translate(l, 'lang.name'))).toEqual(['English', '简体中文']);
  });
});

// Chinese Kubernetes docs keep kind names, field names and command names in English (Pod, YAML, kube-proxy);
// everything else the page says is translated.
describe('Simplified Chinese covers the UI', () => {
  const untranslated = new Set<MessageKey>(['inspector.yaml', 'inspector.ip', 'inspector.none', 'inspector.pods']);
  it('every string with words in it has Chinese', () => {
    const missing = MESSAGE_KEYS.filter((k) => !untranslated.has(k) && /[A-Za-z]{2}/.test(translate('en', k)) && !/[\u4e00-\u9fff]/.test(translate('zh-CN', k)));
    expect(missing).toEqual([]);
  });
  const cases: Array<{ key: MessageKey; want: string }> = [
    { key: 'editor.apply', want: '应用' },
    { key: 'editor.cancel', want: '取消' },
    { key: 'inspector.edit', want: '编辑' },
    { key: 'inspector.namespace', want: '命名空间' },
    { key: 'inspector.node', want: '节点' },
  ];
  for (const c of cases) it(`${c.key} → ${c.want}`, () => expect(translate('zh-CN', c.key)).toBe(c.want));
});
