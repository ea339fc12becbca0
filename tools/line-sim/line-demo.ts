import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLineSimulator } from './line-simulator.js';
import { lineEvents, sendWebhook, webhookBody } from './webhook-sender.js';

// `npm start -- --line-sim`: Mingbai talks to the simulator instead of LINE, and a "phone" page shows one LINE
// user's chat, so a newcomer can watch (and take part in) a LINE conversation end to end on one machine:
// typed messages and taps become signed webhooks, replies and pushes appear as LINE would show them, notice
// buttons open the LIFF page through a stand-in of the LIFF SDK that asks the simulator for a real ID token.

const LIFF_CHANNEL = '1650000000';
const LIFF_ID = `${LIFF_CHANNEL}-MingbaiDemo`;

export async function startLineDemo(options: { mingbaiUrl: string; log: (line: string) => void }) {
  const secret = randomBytes(16).toString('hex');
  const token = randomBytes(24).toString('base64url');
  const sim = await startLineSimulator({ channelAccessToken: token, channelId: LIFF_CHANNEL });
  const user = sim.addUser({ displayName: '演示家长', language: 'zh-CN' });
  let followed = false;
  sim.onDeliver((message) => {
    const text = message.message.text ?? message.message.altText ?? message.message.type;
    options.log(`LINE ${message.via} → ${user.displayName}: ${String(text).split('\n')[0]}`);
  });

  const webhook = (event: Record<string, unknown>) =>
    sendWebhook(`${options.mingbaiUrl}/webhook/line`, secret, webhookBody([event]));

  const phone = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(PHONE_PAGE.replace('__MINGBAI__', options.mingbaiUrl));
    }
    if (url.pathname === '/messages') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(sim.messagesTo(user.userId).map((message) => message.message)));
    }
    if (url.pathname === '/say' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string; data?: string };
      // The page "adds the friend" when it opens; opening it again (a reload) must not start the chat over.
      if (body.text === '__follow__') {
        if (followed) {
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end('{}');
        }
        followed = true;
      }
      const replyToken = sim.issueReplyToken(user.userId);
      options.log(`${user.displayName} → Mingbai: ${body.text ?? body.data}`);
      const event =
        body.data !== undefined
          ? lineEvents.postback(user.userId, body.data, { replyToken })
          : body.text === '__follow__'
            ? lineEvents.follow(user.userId, { replyToken })
            : lineEvents.text(user.userId, body.text ?? '', { replyToken });
      const answered = await webhook(event);
      response.writeHead(answered.status, { 'content-type': 'application/json' });
      return response.end('{}');
    }
    // The LIFF SDK stand-in: the LIFF page on Mingbai loads it; it gets an ID token the simulator vouches for.
    if (url.pathname === '/liff/sdk.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
      return response.end(LIFF_STAND_IN);
    }
    if (url.pathname === '/liff/id-token') {
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      return response.end(JSON.stringify({ idToken: sim.issueIdToken(user.userId) }));
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  }
  await new Promise<void>((resolve) => phone.listen(0, '127.0.0.1', resolve));
  const phoneUrl = `http://127.0.0.1:${(phone.address() as AddressInfo).port}`;

  return {
    phoneUrl,
    /** The settings that point Mingbai at the simulator. */
    env: {
      LINE_CHANNEL_SECRET: secret,
      PUBLIC_URL: options.mingbaiUrl,
      LINE_CHANNEL_ACCESS_TOKEN: token,
      LINE_API_BASE_URL: sim.url,
      LINE_DATA_API_BASE_URL: sim.url,
      LINE_LIFF_ID: LIFF_ID,
      LINE_LIFF_SDK_URL: `${phoneUrl}/liff/sdk.js`,
    },
    async close() {
      await new Promise<void>((resolve) => {
        phone.close(() => resolve());
        phone.closeAllConnections();
      });
      await sim.close();
    },
  };
}

/** Enough of window.liff for Mingbai's LIFF page: init, isLoggedIn, getIDToken, login. */
const LIFF_STAND_IN = `
(function () {
  var base = document.currentScript.src.replace(/\\/liff\\/sdk\\.js.*$/, '');
  var idToken = null;
  window.liff = {
    init: function () {
      return fetch(base + '/liff/id-token').then(function (r) { return r.json(); }).then(function (b) { idToken = b.idToken; });
    },
    isLoggedIn: function () { return idToken !== null; },
    login: function () { location.reload(); },
    getIDToken: function () { return idToken; }
  };
})();
`;

/** One LINE chat as a phone shows it: bubbles, Flex cards as boxes, quick replies as chips. */
const PHONE_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>LINE 模拟器 · 明白</title>
<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#8cabd9;display:flex;flex-direction:column;height:100vh}
header{background:#273246;color:#fff;padding:10px 14px;font-weight:600}
#log{flex:1;overflow:auto;padding:12px}
.msg{background:#fff;border-radius:14px;padding:8px 12px;margin:6px 0;max-width:85%;white-space:pre-wrap}
.me{background:#a8e87c;margin-left:auto}
.card{border:1px solid #ddd}.card h3{margin:0 0 6px;font-size:16px}.card a,.card button{display:block;margin-top:8px;padding:8px;text-align:center;background:#06c755;color:#fff;border:0;border-radius:8px;text-decoration:none;width:100%;font:inherit}
#chips{display:flex;flex-wrap:wrap;gap:6px;padding:6px 12px}#chips button{border:1px solid #06c755;background:#fff;color:#06c755;border-radius:16px;padding:6px 12px;font:inherit}
form{display:flex;gap:8px;padding:10px;background:#fff}input{flex:1;font:inherit;padding:8px}
</style></head><body><header>LINE · 明白（模拟器）</header><div id="log"></div><div id="chips"></div>
<form id="f"><input id="t" autocomplete="off" placeholder="输入消息…"><button>发送</button></form>
<script>
var log=document.getElementById('log'),chips=document.getElementById('chips'),shown=0,mine=[];
function say(body,label){mine.push({at:shown,label:label});fetch('/say',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)});}
function liff(uri){var m=/^https:\\/\\/liff\\.line\\.me\\/[^/]+(\\/.*)$/.exec(uri);return m?'__MINGBAI__/liff'+m[1]:uri;}
function texts(node,out){if(!node||typeof node!=='object')return out;if(node.type==='text'&&node.text)out.push(node.text);if(node.action&&node.action.type==='uri')out.push({uri:node.action.uri,label:node.action.label});if(node.action&&node.action.type==='postback')out.push({data:node.action.data,label:node.action.label});for(var k in node){if(k!=='action')texts(node[k],out);}return out;}
function draw(m){var d=document.createElement('div');d.className='msg';
 if(m.type==='flex'){d.className+=' card';texts(m.contents,[]).forEach(function(p,i){if(typeof p==='string'){var e=document.createElement(i===0?'h3':'div');e.textContent=p;d.appendChild(e);}else if(p.uri){var a=document.createElement('a');a.href=liff(p.uri);a.target='_blank';a.textContent=p.label;d.appendChild(a);}else{var b=document.createElement('button');b.textContent=p.label;b.onclick=function(){say({data:p.data},p.label)};d.appendChild(b);}});}
 else d.textContent=m.text||('['+m.type+']');log.appendChild(d);
 chips.innerHTML='';if(m.quickReply)m.quickReply.items.forEach(function(it){if(it.action.type!=='postback')return;var b=document.createElement('button');b.textContent=it.action.label;b.onclick=function(){say({data:it.action.data},it.action.label)};chips.appendChild(b);});}
function poll(){fetch('/messages').then(function(r){return r.json()}).then(function(all){for(;shown<all.length;shown++)draw(all[shown]);log.scrollTop=log.scrollHeight;}).finally(function(){setTimeout(poll,700)});}
document.getElementById('f').onsubmit=function(e){e.preventDefault();var t=document.getElementById('t');if(!t.value)return;var d=document.createElement('div');d.className='msg me';d.textContent=t.value;log.appendChild(d);say({text:t.value});t.value='';};
say({text:'__follow__'});poll();
</script></body></html>`;
