import type { Translate } from '../i18n/index.js';

const TABS = ['terms', 'classes', 'teachers', 'students', 'promote'] as const;
export type AdminTab = (typeof TABS)[number];

/** The school officer's administration pages, one tab each. */
export function AdminTabs({ t, current }: { t: Translate; current: AdminTab }) {
  return (
    <nav class="tabs no-print" aria-label={t('admin.nav')}>
      {TABS.map((tab) => (
        <a href={`/console/admin/${tab}`} aria-current={tab === current ? 'page' : undefined}>
          {t(`admin.tabs.${tab}`)}
        </a>
      ))}
    </nav>
  );
}
