import { type Context, Hono } from 'hono';
import type { ConversationEngine } from '../../conversation/conversation-engine.js';
import { jobInsertStatements } from '../../delivery/index.js';
import { claimJob, completeJob, failJob } from '../../delivery/job-store.js';
import { requestText } from '../../http/request-body.js';
import type { AppDeps } from '../../platform/ports.js';
import { sendTurnByApi, turnTexts } from './deliver-turn.js';
import { forgetMessage } from './forget-message.js';
import { sharedOfficialAccountApi } from './official-account-api.js';
import { handleOfficialAccountMessage } from './official-account-inbound.js';
import type { OfficialAccountSettings } from './official-account-settings.js';
import { MAX_WECHAT_XML_BYTES, parseWechatXml, WechatXmlError } from './parse-wechat-xml.js';
import { encryptedReplyXml, textReplyXml } from './reply-xml.js';
import { decryptWechatMessage, SafeModeError } from './safe-mode-crypto.js';
import { verifyWechatSignature } from './signature.js';
import { dedupeKey, readWechatMessage } from './wechat-message.js';

/** WeChat takes this plain answer as "received, nothing to reply" and does not retry. */
const NOTHING = 'success';

type Refusal = { status: 400 | 401 | 413; code: string; message: string };

function refuse(c: Context, refusal: Refusal) {
  return c.json({ error: { code: refusal.code, message: refusal.message } }, refusal.status);
}

/**
 * `GET/POST /webhook/wechat`: the Official Account's server URL (服务器配置). GET answers WeChat's URL check;
 * POST takes messages and events, verified (signature, timestamp window), decrypted in safe mode, stored once per
 * MsgId as a job, and answered in the response when the reply is ready within WECHAT_OA_REPLY_WITHIN_MS, else
 * through the customer-service API.
 */
export function officialAccountWebhook(
  deps: AppDeps,
  engine: ConversationEngine,
  settings: OfficialAccountSettings,
) {
  const routes = new Hono();
  const api = sharedOfficialAccountApi(settings);

  /** The signed query every request carries: signature over token, timestamp and nonce, and a fresh timestamp. */
  const checkQuery = async (c: Context): Promise<Refusal | { timestamp: string; nonce: string }> => {
    const timestamp = c.req.query('timestamp') ?? '';
    const nonce = c.req.query('nonce') ?? '';
    const signature = c.req.query('signature') ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9A-Za-z]{1,64}$/.test(nonce) || !signature) {
      return { status: 400, code: 'bad_request', message: 'signature, timestamp and nonce are required.' };
    }
    if (!(await verifyWechatSignature([settings.token, timestamp, nonce], signature))) {
      return { status: 401, code: 'invalid_signature', message: 'The signature does not match.' };
    }
    const skew = Math.abs(deps.clock.now() / 1000 - Number(timestamp));
    if (skew > settings.maxSkewSeconds) {
      return { status: 401, code: 'stale_request', message: 'The timestamp is outside the accepted window.' };
    }
    return { timestamp, nonce };
  };

  routes.get('/', async (c) => {
    const checked = await checkQuery(c);
    if ('status' in checked) return refuse(c, checked);
    const echo = c.req.query('echostr') ?? '';
    if (!/^[0-9A-Za-z]{1,128}$/.test(echo))
      return refuse(c, { status: 400, code: 'bad_request', message: 'echostr is required.' });
    return c.text(echo);
  });

  routes.post('/', async (c) => {
    const checked = await checkQuery(c);
    if ('status' in checked) return refuse(c, checked);
    const body = await requestText(c);
    if (body.length > MAX_WECHAT_XML_BYTES) {
      return refuse(c, { status: 413, code: 'body_too_large', message: 'The message is too large.' });
    }
    let fields: Record<string, string>;
    try {
      fields = await readBody(c, settings, body, checked);
    } catch (error) {
      if (error instanceof WechatXmlError || error instanceof SafeModeError) {
        deps.logger.warn('wechat message refused', { reason: error.message });
        const unsigned = error instanceof SafeModeError && error.message === 'msg_signature';
        return refuse(c, {
          status: unsigned ? 401 : 400,
          code: unsigned ? 'invalid_signature' : 'invalid_message',
          message: unsigned ? 'The message signature does not match.' : 'The message could not be read.',
        });
      }
      throw error;
    }
    const parsed = readWechatMessage(fields);
    if (parsed.kind === 'invalid') {
      return refuse(c, {
        status: 400,
        code: 'invalid_message',
        message: 'The message lacks required fields.',
      });
    }

    // Stored once per MsgId (the jobs table's idempotency key): WeChat's retries after 5 s find it and get
    // "success", so a slow answer is never sent twice. The job is claimed here at once; if this request dies
    // the job runs again later and answers by the API.
    const spec = jobInsertStatements(deps, [
      {
        job: { type: 'wechat_oa_message', fields },
        idempotencyKey: dedupeKey(parsed.message),
        maxAttempts: 3,
      },
    ]);
    const [inserted] = await deps.database.atomic(spec.statements);
    const jobId = spec.dispatched[0]!.id;
    const row = inserted ? await claimJob(deps, jobId) : null;
    if (!row) return c.text(NOTHING);

    let decided: 'passive' | 'api' | null = null;
    let passive: ((text: string | null) => void) | undefined;
    const answer = new Promise<string | null>((resolve) => {
      passive = resolve;
    });
    const timer = setTimeout(() => {
      decided ??= 'api';
      passive?.(null);
    }, settings.replyWithinMs);

    const work = (async () => {
      try {
        const handled = await handleOfficialAccountMessage({ deps, engine, settings, api }, fields);
        const texts = handled ? turnTexts(settings, handled.turn) : [];
        if (decided === null && texts.length <= 1) {
          decided = 'passive';
          passive?.(texts[0] ?? null);
        } else {
          decided = 'api';
          passive?.(null);
          if (handled) await sendTurnByApi(deps, api, handled.openId, texts);
        }
        await forgetMessage(deps, jobId);
        await completeJob(deps, row);
      } catch (error) {
        deps.logger.error('wechat message failed', { error });
        passive?.(null);
        await failJob(deps, row, error).catch(() => {});
      } finally {
        clearTimeout(timer);
      }
    })();
    keepRunning(c, work);

    const text = await answer;
    if (text === null) return c.text(NOTHING);
    const xml = textReplyXml({
      to: parsed.message.FromUserName,
      from: parsed.message.ToUserName,
      createTime: deps.clock.now() / 1000,
      content: text,
    });
    if (!settings.encodingAesKey)
      return c.body(xml, 200, { 'content-type': 'application/xml; charset=utf-8' });
    const encrypted = await encryptedReplyXml({
      token: settings.token,
      encodingAesKey: settings.encodingAesKey,
      appId: settings.appId,
      xml,
      timestamp: checked.timestamp,
      nonce: checked.nonce,
    });
    return c.body(encrypted, 200, { 'content-type': 'application/xml; charset=utf-8' });
  });

  return routes;
}

/** The message's fields: in safe mode only from <Encrypt>, checked against msg_signature first. */
async function readBody(
  c: Context,
  settings: OfficialAccountSettings,
  body: string,
  query: { timestamp: string; nonce: string },
): Promise<Record<string, string>> {
  const outer = parseWechatXml(body);
  if (!settings.encodingAesKey) return outer;
  const encrypted = outer.Encrypt;
  if (!encrypted) throw new WechatXmlError('safe mode: <Encrypt> is missing');
  const signature = c.req.query('msg_signature') ?? '';
  if (!(await verifyWechatSignature([settings.token, query.timestamp, query.nonce, encrypted], signature))) {
    throw new SafeModeError('msg_signature');
  }
  return parseWechatXml(await decryptWechatMessage(settings.encodingAesKey, settings.appId, encrypted));
}

/** Workers end a request's work with its response unless told to wait; Node keeps running anyway. */
function keepRunning(c: Context, work: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No ExecutionContext (Node): the promise runs on by itself.
  }
}
