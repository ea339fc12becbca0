import { Hono } from 'hono';
import { raw } from 'hono/html';
import { MAX_TEXT_CHARS } from '../conversation/messages.js';
import { LOCALES, type Locale, matchLocale, t } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { CAMERA_ICON } from './camera-icon.js';
import { CHAT_CARD_SCRIPT, CHAT_CARD_STYLE } from './chat-card-script.min.js';
import { CHAT_PAGE_SCRIPT } from './chat-page-script.min.js';
import { CHAT_PAGE_STYLE } from './chat-page-style.min.js';

const PAGE_KEYS = [
  'title',
  'placeholder',
  'send',
  'photo',
  'menu',
  'new_chat',
  'network_error',
  'uploading',
  'photo_sent',
  'upload_too_large',
  'upload_not_image',
  'bind',
  'photo_button',
  'message_too_long',
  'new_reply',
];

/** The built-in web chat: server-rendered shell, a little script that talks to /api/chat. */
export function chatPage(deps: AppDeps) {
  const page = new Hono();
  page.get('/', (c) => {
    const locale = matchLocale(
      c.req.query('lang') ?? c.req.header('accept-language'),
      deps.config.DEFAULT_LOCALE,
    );
    // Labels for every locale ride along, so switching language mid-chat relabels the page without a reload.
    const labels = Object.fromEntries(
      LOCALES.map((each) => [
        each,
        Object.fromEntries(PAGE_KEYS.map((key) => [key, t(each, `chat.page.${key}`)])),
      ]),
    );
    const boot = JSON.stringify({ locale, labels, maxChars: MAX_TEXT_CHARS }).replace(/</g, '\\u003c');
    return c.html(<ChatShell locale={locale} boot={boot} />);
  });
  return page;
}

function ChatShell({ locale, boot }: { locale: Locale; boot: string }) {
  const label = (key: string) => t(locale, `chat.page.${key}`);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <title>{label('title')}</title>
        <style>{raw(CHAT_PAGE_STYLE + CHAT_CARD_STYLE)}</style>
      </head>
      <body>
        <header>
          <h1 data-label="title">{label('title')}</h1>
          <button type="button" id="new-chat" data-label="new_chat">
            {label('new_chat')}
          </button>
        </header>
        <main id="log" aria-live="polite" />
        <form id="composer" autocomplete="off">
          {/* No maxlength: an over-long message is refused with a message in the chat, never cut. */}
          <input
            id="text"
            name="text"
            placeholder={label('placeholder')}
            aria-label={label('placeholder')}
            data-placeholder="placeholder"
          />
          <div class="tools">
            <button type="button" id="menu" data-label="menu">
              {label('menu')}
            </button>
            <button type="button" id="photo-button" aria-label={label('photo')}>
              {raw(CAMERA_ICON)}
              <span data-label="photo_button">{label('photo_button')}</span>
            </button>
            <input type="file" id="photo" accept="image/*" hidden />
            <button type="submit" data-label="send">
              {label('send')}
            </button>
          </div>
        </form>
        <script id="boot" type="application/json">
          {raw(boot)}
        </script>
        <script>{raw(CHAT_CARD_SCRIPT)}</script>
        <script>{raw(CHAT_PAGE_SCRIPT)}</script>
      </body>
    </html>
  );
}
