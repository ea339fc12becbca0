// 安全模式: messages are AES-256-CBC encrypted with the EncodingAESKey (base64 of the 32-byte key, IV = its first
// 16 bytes) over random(16) ‖ length(4, big-endian) ‖ XML ‖ AppID, padded PKCS#7-style to a multiple of 32
// bytes. Web Crypto's AES-CBC insists on 16-byte PKCS#7 padding, so both directions wrap it (see below).

const BLOCK = 16;
const WECHAT_PAD_BLOCK = 32;

export class SafeModeError extends Error {}

function keyBytes(encodingAesKey: string): Uint8Array<ArrayBuffer> {
  const raw = base64ToBytes(`${encodingAesKey}=`);
  if (raw.length !== 32) throw new SafeModeError('EncodingAESKey must decode to 32 bytes');
  return raw;
}

async function importKey(raw: Uint8Array<ArrayBuffer>, usage: 'encrypt' | 'decrypt') {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, [usage]);
}

/** Decrypts an <Encrypt> value; refuses it unless it names our AppID. Returns the inner XML. */
export async function decryptWechatMessage(
  encodingAesKey: string,
  appId: string,
  encrypted: string,
): Promise<string> {
  const raw = keyBytes(encodingAesKey);
  const iv = raw.slice(0, BLOCK);
  let cipher: Uint8Array<ArrayBuffer>;
  try {
    cipher = base64ToBytes(encrypted);
  } catch {
    throw new SafeModeError('Encrypt is not base64');
  }
  if (cipher.length === 0 || cipher.length % BLOCK !== 0) throw new SafeModeError('bad ciphertext length');
  // WeChat pads to 32 bytes, which Web Crypto would reject. Append one block that decrypts to a full 16-byte
  // PKCS#7 pad: CBC-encrypting 16 × 0x10 with the last cipher block as IV gives exactly that block.
  const lastBlock = cipher.slice(cipher.length - BLOCK);
  const encryptKey = await importKey(raw, 'encrypt');
  const padBlock = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CBC', iv: lastBlock },
      encryptKey,
      new Uint8Array(BLOCK).fill(BLOCK),
    ),
  ).slice(0, BLOCK);
  const extended = new Uint8Array(cipher.length + BLOCK);
  extended.set(cipher);
  extended.set(padBlock, cipher.length);
  const plain = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, await importKey(raw, 'decrypt'), extended),
  );
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > WECHAT_PAD_BLOCK || pad > plain.length) throw new SafeModeError('bad padding');
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) throw new SafeModeError('message too short');
  const length = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
  if (20 + length > body.length) throw new SafeModeError('bad message length');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let xml: string;
  let from: string;
  try {
    xml = decoder.decode(body.subarray(20, 20 + length));
    from = decoder.decode(body.subarray(20 + length));
  } catch {
    throw new SafeModeError('message is not UTF-8');
  }
  if (from !== appId) throw new SafeModeError('message is for another AppID');
  return xml;
}

/** Encrypts a reply's XML for the <Encrypt> element. */
export async function encryptWechatMessage(
  encodingAesKey: string,
  appId: string,
  xml: string,
): Promise<string> {
  const raw = keyBytes(encodingAesKey);
  const encoder = new TextEncoder();
  const message = encoder.encode(xml);
  const app = encoder.encode(appId);
  const unpadded = 16 + 4 + message.length + app.length;
  const pad = WECHAT_PAD_BLOCK - (unpadded % WECHAT_PAD_BLOCK);
  const plain = new Uint8Array(unpadded + pad);
  plain.set(crypto.getRandomValues(new Uint8Array(16)));
  new DataView(plain.buffer).setUint32(16, message.length);
  plain.set(message, 20);
  plain.set(app, 20 + message.length);
  plain.fill(pad, unpadded);
  // The input is a whole number of blocks, so Web Crypto adds one block of its own padding: drop it.
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CBC', iv: raw.slice(0, BLOCK) },
      await importKey(raw, 'encrypt'),
      plain,
    ),
  );
  return bytesToBase64(cipher.subarray(0, plain.length));
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}
