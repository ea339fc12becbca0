import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import * as z from 'zod';
import { SIGNATURE_PAD_VERSION, signaturePadSource } from '#signature-pad';
import { clientIp, publicOrigin } from '../http/client-ip.js';
import { isLocale, type Locale, matchLocale, translatorFor } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { answersFromForm, wrongAnswers } from './check-answers.js';
import {
  GuardianMessagePage,
  GuardianNoticePage,
  type GuardianPageProps,
  GuardianSignPage,
} from './guardian-page.js';
import { linkChannel } from './link-channel.js';
import { noticeContentSchema } from './notice-content.js';
import { markRead, previousSentVersion, type RecipientView, recipientByToken } from './recipient-access.js';
import { markUnderstood, recordReceipt } from './record-receipt.js';
import { type Strokes, signatureSvg, strokesSchema } from './signature-svg.js';
import { type NoticeChange, whatChanged } from './what-changed.js';

const MAX_PNG_BYTES = 400 * 1024;
const signatureBody = z
  .object({
    answers: z.array(z.number().int().min(0).max(3).nullable()).max(3),
    strokes: strokesSchema,
    width: z.number().min(50).max(4000),
    height: z.number().min(30).max(4000),
    png: z.string().max(Math.ceil((MAX_PNG_BYTES * 4) / 3) + 100),
  })
  .strict();
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The guardian's side of a notice: /n/<token> opens it (and records "read"), the form answers the check and
 * confirms, /n/<token>/signature takes the signature. The token in the link is the only credential: it names
 * one family's copy of one version, so nothing here shows another family's data.
 */
export interface GuardianRouteOptions {
  /** The channel a receipt is given through when a channel proves it (a LIFF session: 'line'), else null. */
  receiptChannel?: (c: Context, view: RecipientView) => Promise<'line' | null>;
}

export function guardianRoutes(deps: AppDeps, options: GuardianRouteOptions = {}) {
  const routes = new Hono();
  // Otherwise the channel that delivered the family's link: WeChat, or the web chat.
  const channelOf = async (c: Context, view: RecipientView) =>
    (await options.receiptChannel?.(c, view)) ?? (await linkChannel(deps, view.recipient.id));
  routes.use(csrf({ origin: (origin, c) => origin === publicOrigin(c) }));

  routes.get('/assets/signature_pad.js', async (c) =>
    c.body(await signaturePadSource(), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"signature_pad-${SIGNATURE_PAD_VERSION}"`,
    }),
  );

  const localeOf = (c: Context, view: RecipientView | null): Locale => {
    const asked = c.req.query('lang');
    if (isLocale(asked)) return asked;
    return matchLocale(c.req.header('accept-language'), view?.version.locale ?? deps.config.DEFAULT_LOCALE);
  };
  const notFound = (c: Context) => {
    const locale = localeOf(c, null);
    const t = translatorFor(locale);
    return c.html(
      <GuardianMessagePage
        locale={locale}
        title={t('notices.page.title')}
        message={t('notices.page.not_found')}
      />,
      404,
    );
  };
  const headers = (c: Context) => {
    c.header('cache-control', 'private, no-store');
    c.header('x-robots-tag', 'noindex');
  };

  const load = async (c: Context) => {
    const view = await recipientByToken(deps, c.req.param('token') ?? '');
    headers(c);
    return view;
  };

  const changesFor = async (view: RecipientView): Promise<NoticeChange[]> => {
    if (view.version.version === 1) return [];
    const previous = await previousSentVersion(deps, view.recipient.noticeId, view.version.version);
    if (!previous) return [];
    return whatChanged(
      { title: previous.title, content: noticeContentSchema.parse(JSON.parse(previous.content)) },
      { title: view.version.title, content: view.content },
      view.recipient.studentId,
    );
  };

  const props = async (
    c: Context,
    view: RecipientView,
    extra: Partial<GuardianPageProps> = {},
  ): Promise<GuardianPageProps> => {
    const locale = localeOf(c, view);
    return {
      t: translatorFor(locale),
      locale,
      view,
      changes: await changesFor(view),
      step: 'read',
      path: `/n/${view.recipient.token}`,
      timeZone: deps.config.TIME_ZONE,
      ...extra,
    };
  };

  routes.get('/:token', async (c) => {
    const view = await load(c);
    if (!view) return notFound(c);
    // An older version's link opens the newest one, where "what changed" comes first.
    if (view.latestToken)
      return c.redirect(
        `/n/${view.latestToken}${c.req.query('lang') ? `?lang=${c.req.query('lang')}` : ''}`,
        302,
      );
    await markRead(deps, view.recipient.id);
    return c.html(<GuardianNoticePage {...(await props(c, view))} />);
  });

  routes.post('/:token', bodyLimit({ maxSize: 16 * 1024 }), async (c) => {
    const view = await load(c);
    if (!view) return notFound(c);
    if (view.latestToken) return c.redirect(`/n/${view.latestToken}`, 303);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const answers = answersFromForm(view.content.check, form);
    const wrong = wrongAnswers(view.content.check, answers);
    if (view.version.confirmation === 'read' || view.receipt)
      return c.redirect(`/n/${view.recipient.token}`, 303);
    if (wrong.length > 0)
      return c.html(<GuardianNoticePage {...(await props(c, view, { wrong, answers }))} />, 422);
    await markUnderstood(deps, view.recipient.id);
    if (view.version.confirmation === 'sign') {
      return c.html(<GuardianSignPage {...(await props(c, view, { step: 'sign', answers }))} />);
    }
    await recordReceipt(deps, view, { channel: await channelOf(c, view), answers, ip: clientIp(c) });
    return c.redirect(`/n/${view.recipient.token}`, 303);
  });

  routes.post('/:token/signature', bodyLimit({ maxSize: 600 * 1024 }), async (c) => {
    const view = await load(c);
    if (!view) return c.json({ error: { code: 'not_found', message: 'No such notice link.' } }, 404);
    if (view.latestToken)
      return c.json({ error: { code: 'superseded', message: 'A newer version exists.' } }, 409);
    if (view.version.confirmation !== 'sign')
      return c.json({ error: { code: 'no_signature_needed', message: 'This notice is not signed.' } }, 400);
    if (view.receipt) return c.json({ receipt: { id: view.receipt.id, created: false } });
    const parsed = signatureBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json({ error: { code: 'invalid_body', message: 'The signature could not be read.' } }, 400);
    const wrong = wrongAnswers(view.content.check, parsed.data.answers);
    if (wrong.length > 0)
      return c.json(
        { error: { code: 'check_failed', message: 'Answer the questions first.', details: { wrong } } },
        422,
      );
    const png = decodePng(parsed.data.png);
    if (!png)
      return c.json(
        { error: { code: 'invalid_signature', message: 'The signature image is not a PNG.' } },
        400,
      );
    const svg = signatureSvg(parsed.data.strokes as Strokes, parsed.data.width, parsed.data.height);
    const { receipt, created } = await recordReceipt(deps, view, {
      channel: await channelOf(c, view),
      answers: parsed.data.answers,
      signature: { svg, png },
      ip: clientIp(c),
    });
    return c.json({ receipt: { id: receipt.id, created } }, created ? 201 : 200);
  });

  return routes;
}

function decodePng(dataUrl: string): Uint8Array | null {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match) return null;
  let binary: string;
  try {
    binary = atob(match[1]!);
  } catch {
    return null;
  }
  if (binary.length > MAX_PNG_BYTES || binary.length < PNG_MAGIC.length) return null;
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return PNG_MAGIC.every((byte, index) => bytes[index] === byte) ? bytes : null;
}
