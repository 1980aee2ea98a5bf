import { useEffect, useMemo, useRef, useState } from 'react';
import type { Lesson } from '../../engine/lessons/index.ts';
import type { Locale } from '../i18n/strings.ts';
import type { T } from '../i18n/useT.ts';
import { allTags, filterCatalog, lessonFor, type CatalogEntry } from './catalog.ts';
import type { ProgressStore } from './progress.ts';
import './lessons.css';

const LEVELS: Lesson['level'][] = ['beginner', 'intermediate', 'advanced'];

/** The lesson catalog: search, tag and level filters, one card per lesson with its progress. */
export function Catalog({ entries, locale, t, store, onPick, onClose }: { entries: CatalogEntry[]; locale: Locale; t: T; store: ProgressStore; onPick(slug: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string>();
  const [level, setLevel] = useState<Lesson['level']>();
  const shown = useMemo(() => filterCatalog(entries, locale, { query, tag, level }), [entries, locale, query, tag, level]);
  const tags = useMemo(() => allTags(entries), [entries]);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="catalog-backdrop" onClick={onClose}>
      <div className="catalog" role="dialog" aria-modal="true" aria-label={t('lessons.catalog')} onClick={(e) => e.stopPropagation()} data-testid="lesson-catalog">
        <div className="catalog-head">
          <h2>{t('lessons.catalog')}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('lessons.close')} title={t('lessons.close')}>
            ×
          </button>
        </div>
        <div className="catalog-filters">
          <input ref={input} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('lessons.search')} aria-label={t('lessons.search')} data-testid="lesson-search" />
          <select value={level ?? ''} onChange={(e) => setLevel((e.target.value || undefined) as Lesson['level'] | undefined)} aria-label={t('lessons.level')}>
            <option value="">{t('lessons.level.all')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`lessons.level.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="catalog-tags" role="group" aria-label={t('lessons.tags')}>
          {tags.map((g) => (
            <button key={g} type="button" className={g === tag ? 'active' : ''} aria-pressed={g === tag} onClick={() => setTag(g === tag ? undefined : g)}>
              {g}
            </button>
          ))}
        </div>
        <ul className="catalog-list">
          {shown.map((e) => {
            const l = lessonFor(e, locale);
            const checked = l.steps.filter((s) => s.check).length;
            const done = store.completed(e.slug).filter((i) => l.steps[i]?.check).length;
            return (
              <li key={e.slug}>
                <button type="button" className="catalog-card" onClick={() => onPick(e.slug)} data-testid="lesson-card" data-slug={e.slug}>
                  <span className="catalog-order">{l.order}</span>
                  <span className="catalog-body">
                    <span className="catalog-title">{l.title}</span>
                    <span className="catalog-summary">{l.summary}</span>
                    <span className="catalog-meta">
                      <span>
                        {l.minutes} {t('lessons.minutes')}
                      </span>
                      <span>{t(`lessons.level.${l.level}`)}</span>
                      {done > 0 && <span className="catalog-done">{done === checked ? t('lessons.completed') : `${done}/${checked}`}</span>}
                      {l.tags.map((g) => (
                        <span key={g} className="catalog-tag">
                          {g}
                        </span>
                      ))}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
          {shown.length === 0 && <li className="catalog-empty">{t('lessons.none')}</li>}
        </ul>
      </div>
    </div>
  );
}
