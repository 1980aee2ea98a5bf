import type { T } from '../i18n/useT.ts';
import './lessons.css';

/** The top bar's entry to the catalog. */
export function LessonPicker({ t, onClick }: { t: T; onClick(): void }) {
  return (
    <button type="button" className="lesson-picker" onClick={onClick} data-testid="lesson-picker" title={t('lessons.catalog')}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M2 3.2C3.8 2.4 5.9 2.4 8 3.6c2.1-1.2 4.2-1.2 6-.4v9.6c-1.8-.8-3.9-.8-6 .4-2.1-1.2-4.2-1.2-6-.4z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
        <path d="M8 3.6v9.6" stroke="currentColor" strokeWidth="1.3" />
      </svg>{' '}
      {t('lessons.button')}
    </button>
  );
}
