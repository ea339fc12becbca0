// The peer for bench/line-webhook.ts, written the way the LINE SDK's official echo-bot example is: Express, the
// SDK's signature middleware, and replyMessage with the event's text. Same @line/bot-sdk version as Mingbai,
// pointed at the same simulator (LINE_API_BASE_URL).
import { messagingApi, middleware } from '@line/bot-sdk';
import express from 'express';

const config = { channelSecret: process.env.LINE_CHANNEL_SECRET };
const client = new messagingApi.MessagingApiClient({
  channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN,
  baseURL: process.env.LINE_API_BASE_URL,
});

const app = express();
app.get('/healthz', (_req, res) => res.send('ok'));
app.post('/callback', middleware(config), (req, res) => {
  Promise.all(req.body.events.map(handleEvent))
    .then((result) => res.json(result))
    .catch((err) => {
      console.error(err);
      res.status(500).end();
    });
});

function handleEvent(event) {
  if (event.type !== 'message' || event.message.type !== 'text') return Promise.resolve(null);
  return client.replyMessage({
    replyToken: event.replyToken,
    messages: [{ type: 'text', text: event.message.text }],
  });
}

const port = Number(process.env.PORT ?? 3000);
app.listen(port, process.env.HOST ?? '127.0.0.1');
