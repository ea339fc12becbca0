import type { Context } from 'hono';
import qrcode from 'qrcode-generator';
import { formatBindingCode } from '../binding/binding-code.js';
import type { ClassRow } from '../console/class-scope.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { Layout } from '../console/layout.js';
import type { LoadedPrint, PrintedSlip } from './load-print.js';
import { shortLink } from './short-link.js';

function QrCode({ text }: { text: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return (
    <span dangerouslySetInnerHTML={{ __html: qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true }) }} />
  );
}

/** The printable sheet of one print: one slip per student, with the code, its QR code and a short link. */
export function SlipSheet({
  c,
  row,
  print,
  publicUrl,
}: {
  c: Context<ConsoleEnv>;
  row: ClassRow;
  print: LoadedPrint;
  publicUrl: string | undefined;
}) {
  const t = c.get('t');
  const expires = new Date(print.expiresAt).toISOString().slice(0, 10);
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={c.get('actor')}
      title={t('console.codes.title', { className: row.name })}
    >
      <p class="no-print">
        {print.readable && (
          <>
            <button type="button" onclick="window.print()">
              {t('console.codes.print')}
            </button>{' '}
          </>
        )}
        <a href={`/console/classes/${row.id}`}>{t('console.codes.back')}</a>
      </p>
      {print.readable ? (
        <p class="banner no-print">{t('slips.same_on_reload')}</p>
      ) : (
        <p class="banner no-print">{t('slips.other_session')}</p>
      )}
      {!publicUrl && <p class="banner no-print">{t('slips.no_public_url')}</p>}
      <div class="slips">
        {print.slips.map((slip) => (
          <Slip c={c} row={row} slip={slip} publicUrl={publicUrl} expires={expires} />
        ))}
      </div>
    </Layout>
  );
}

function Slip({
  c,
  row,
  slip,
  publicUrl,
  expires,
}: {
  c: Context<ConsoleEnv>;
  row: ClassRow;
  slip: PrintedSlip;
  publicUrl: string | undefined;
  expires: string;
}) {
  const t = c.get('t');
  const usable = slip.status === 'open' && slip.code !== null;
  const link = usable && publicUrl && slip.code ? shortLink(publicUrl, slip.code) : null;
  return (
    <div
      class={usable ? 'slip' : 'slip void no-print'}
      data-student={slip.studentId}
      data-status={slip.status}
    >
      {link && <QrCode text={link} />}
      <div>
        <strong>{slip.studentName}</strong>
        <div class="muted">
          {row.schoolName} {row.name}
        </div>
        {usable && slip.code ? (
          <>
            <div class="code" data-code={slip.code}>
              {formatBindingCode(slip.code)}
            </div>
            {link && <div class="link">{link.replace(/^https?:\/\//, '')}</div>}
            <div>{t('console.codes.how', { expires })}</div>
            <div class="muted">{t('console.codes.free')}</div>
          </>
        ) : (
          <div class="warn">{t(`slips.status.${slip.status}`)}</div>
        )}
      </div>
    </div>
  );
}
