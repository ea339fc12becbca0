import { raw } from 'hono/html';
import type { StaffActor } from '../auth/staff-actor.js';
import { CsrfField } from '../console/layout.js';
import type { Translate } from '../i18n/index.js';
import type { AudienceReach, ReachChannel } from './audience-reach.js';

/** Families listed by name before sending; the rest are counted (all of them are on the paper page once sent). */
const LISTED = 200;
const CHANNELS: readonly ReachChannel[] = ['web', 'wechat', 'line'];
const STYLE = `
#reach .reach-figures{display:flex;flex-wrap:wrap;gap:8px 24px}
#reach .reach-figures p{margin:4px 0}
#reach .reach-figures b{font-size:1.5em;margin-right:4px}
#reach .scroll{overflow-x:auto;max-height:24em;overflow-y:auto}
#reach .actions{display:flex;flex-wrap:wrap;gap:8px}
`;

/**
 * The send form of a draft, with what sending would do: how many families the audience has, how many a
 * channel reaches, and (masked) which ones none reaches, so the teacher knows before pressing send who will
 * need a paper 明白卡.
 */
export function SendPanel({
  t,
  actor,
  noticeId,
  versionId,
  classCount,
  reach,
}: {
  t: Translate;
  actor: StaffActor;
  noticeId: string;
  versionId: string;
  classCount: number;
  reach: AudienceReach;
}) {
  const missing = reach.unreached.length;
  const channels = CHANNELS.filter((channel) => reach.byChannel[channel] > 0).map((channel) =>
    t('notices.reach.by_channel', {
      channel: t(`notices.console.channel_${channel}`),
      count: reach.byChannel[channel],
    }),
  );
  return (
    <section class="card" id="reach">
      <style>{raw(STYLE)}</style>
      <h2>{t('notices.reach.title')}</h2>
      <div class="reach-figures">
        <p data-reach="families">
          <b>{reach.families}</b> {t('notices.reach.families')}
        </p>
        <p data-reach="reached">
          <b>{reach.reached}</b> {t('notices.reach.reached')}
          {channels.length > 0 && (
            <small class="muted"> ({channels.join(t('notices.reach.separator'))})</small>
          )}
        </p>
        <p data-reach="unreached" class={missing > 0 ? 'warn' : ''}>
          <b>{missing}</b> {t('notices.reach.unreached')}
        </p>
      </div>
      {reach.families === 0 ? (
        <p class="banner">{t('notices.reach.empty')}</p>
      ) : missing === 0 ? (
        <p class="ok">{t('notices.reach.all_reached')}</p>
      ) : (
        <>
          <p>{t('notices.reach.paper_hint')}</p>
          <div class="scroll">
            <table id="unreached">
              <thead>
                <tr>
                  <th>{t('console.classes.class')}</th>
                  <th>{t('console.class.student')}</th>
                </tr>
              </thead>
              <tbody>
                {reach.unreached.slice(0, LISTED).map((family) => (
                  <tr data-student={family.studentId}>
                    <td>
                      <a href={`/console/classes/${family.classId}`}>{family.className}</a>
                    </td>
                    <td>{family.maskedName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {missing > LISTED && <p class="muted">{t('notices.reach.more', { count: missing - LISTED })}</p>}
          <p class="muted">{t('notices.reach.bind_first')}</p>
        </>
      )}
      <form method="post" action={`/console/notices/${noticeId}/send`}>
        <CsrfField actor={actor} />
        <input type="hidden" name="versionId" value={versionId} />
        <p class="muted">{t('notices.console.send_confirm', { count: classCount })}</p>
        <p class="actions">
          <button type="submit" id="send" disabled={reach.families === 0}>
            {t('notices.console.send')}
          </button>
          {missing > 0 && (
            <button type="submit" name="next" value="paper" id="send-and-paper" class="secondary">
              {t('notices.reach.send_then_paper', { count: missing })}
            </button>
          )}
        </p>
      </form>
    </section>
  );
}
