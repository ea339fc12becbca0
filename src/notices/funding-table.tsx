import type { Translate } from '../i18n/index.js';
import type { NoticeContent } from './notice-content.js';

type FundingRow = NoticeContent['studentRows'][string][number];

/** One student's funding rows (告知书): the same table on the guardian's page and on the printed card. */
export function FundingTable({
  t,
  rows,
  class: className,
}: {
  t: Translate;
  rows: FundingRow[];
  class?: string;
}) {
  return (
    <table class={className}>
      <thead>
        <tr>
          <th>{t('notices.page.funding_programme')}</th>
          <th>{t('notices.page.funding_amount')}</th>
          <th>{t('notices.page.funding_paid_on')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>{row.programme}</td>
            <td>{row.amount}</td>
            <td>{row.paidOn || t('notices.page.not_paid')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
