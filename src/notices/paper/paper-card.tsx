import qrcode from 'qrcode-generator';
import type { Translate } from '../../i18n/index.js';
import { FundingTable } from '../funding-table.js';
import type { NoticeContent } from '../notice-content.js';

export interface PaperCardProps {
  t: Translate;
  title: string;
  schoolName: string;
  content: NoticeContent;
  studentName: string;
  className: string;
  /** Funding rows of this student (告知书), by the same student id the content keys them with. */
  studentId: string;
  recipientId: string;
  contentHash: string;
  /** The binding link, for the QR code, and the code to type. */
  bindLink: string;
  bindCode: string;
  bindExpires: string;
}

function QrCode({ text }: { text: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return (
    <span
      class="qr"
      dangerouslySetInnerHTML={{ __html: qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true }) }}
    />
  );
}

/** A paper 明白卡 for a family no channel reaches: the notice, then a 回执 slip to cut off, sign and return. */
export function PaperCard(props: PaperCardProps) {
  const { t, content } = props;
  const funding = content.studentRows[props.studentId] ?? [];
  return (
    <article class="paper" data-paper={props.recipientId}>
      <h2>{props.title}</h2>
      <p class="school">{props.schoolName}</p>
      <p>
        <b>{t('noticePaper.dear', { student: props.studentName })}</b>
      </p>
      {content.body?.split(/\n+/).map((line) => (
        <p>{line}</p>
      ))}
      {content.programmes.length > 0 && (
        <table class="programmes">
          <thead>
            <tr>
              <th>{t('notices.page.programmes')}</th>
              <th>{t('notices.page.target')}</th>
              <th>{t('notices.page.standard')}</th>
              <th>{t('notices.page.application')}</th>
              <th>{t('notices.page.payment')}</th>
            </tr>
          </thead>
          <tbody>
            {content.programmes.map((row) => (
              <tr>
                <td>{row.name}</td>
                <td>{row.target}</td>
                <td>{row.standard}</td>
                <td>{t(`notices.page.application_${row.application}`)}</td>
                <td>{row.payment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {funding.length > 0 && <FundingTable t={t} rows={funding} class="programmes" />}
      {content.deadline && <p>{t('notices.page.deadline', { date: content.deadline })}</p>}
      <p class="antifraud">{content.antiFraud}</p>
      <p>
        {t('notices.page.consult', { phone: content.consultPhone })}
        {content.reportPhone && ` · ${t('notices.page.report', { phone: content.reportPhone })}`}
      </p>
      <div class="slip">
        <p class="cut">✂ {t('noticePaper.cut')}</p>
        <h3>{t('noticePaper.slip_title')}</h3>
        <p>{t('noticePaper.slip_statement', { title: props.title })}</p>
        <p>{t('noticePaper.slip_student', { student: props.studentName, className: props.className })}</p>
        <p class="lines">
          {t('noticePaper.slip_sign')}
          <span class="blank" /> {t('noticePaper.slip_relation')}
          <span class="blank short" /> {t('noticePaper.slip_date')}
          <span class="blank short" />
        </p>
        <div class="bind">
          <QrCode text={props.bindLink} />
          <div>
            <p>{t('noticePaper.bind_how', { expires: props.bindExpires })}</p>
            <p class="code" data-code={props.bindCode}>
              {props.bindCode}
            </p>
          </div>
        </div>
        <p class="ref">
          {t('notices.console.hash')} {props.contentHash.slice(0, 16)} · No. {props.recipientId}
        </p>
      </div>
    </article>
  );
}

export const PAPER_STYLE = `
.paper{background:#fff;border:1px solid #b9c7bf;border-radius:8px;padding:18px 22px;margin-bottom:16px;font-size:14px}
.paper h2{text-align:center;margin:0 0 4px}
.paper .school{text-align:center;color:#3c4a43;margin:0 0 10px}
.paper table.programmes{font-size:12.5px;margin:8px 0}
.paper .antifraud{font-weight:700;color:#8a1c14}
.paper .slip{border-top:2px dashed #555;margin-top:14px;padding-top:8px}
.paper .cut{font-size:12px;color:#555;margin:0}
.paper .slip h3{text-align:center;margin:4px 0}
.paper .lines .blank{display:inline-block;width:150px;border-bottom:1px solid #333;margin:0 10px 0 4px}
.paper .lines .blank.short{width:80px}
.paper .bind{display:flex;gap:12px;align-items:center}
.paper .qr svg{width:100px;height:100px}
.paper .code{font:600 20px ui-monospace,Menlo,monospace;letter-spacing:2px;margin:0}
.paper .ref{font:11px ui-monospace,Menlo,monospace;color:#555}
@page{size:A4;margin:12mm}
@media print{.paper{border:0;border-radius:0;padding:0;break-after:page;page-break-after:always;margin:0}}
`;
