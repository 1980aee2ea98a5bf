import { describe, expect, it } from 'vitest';
import { detectLocale, LOCALES, translate, type MessageKey } from './strings.ts';

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
