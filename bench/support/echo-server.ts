import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The ceiling every HTTP figure is compared with: bare Hono on @hono/node-server answering a JSON echo,
// on the same machine in the same run. Nothing Mingbai does can be faster than this.

const app = new Hono();
app.get('/healthz', (c) => c.text('ok'));
app.post('/echo', async (c) => c.json(await c.req.json()));

const port = Number(process.env.PORT ?? 0);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', port: info.port }));
});
