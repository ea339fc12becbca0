import { describe, expect, it } from 'vitest';
import {
  MAX_WECHAT_XML_BYTES,
  parseWechatXml,
  WechatXmlError,
} from '../../src/channels/wechat-oa/parse-wechat-xml.js';

// Mingbai's own reader of WeChat's flat XML replaced fast-xml-parser (about 20 KiB of the Worker's gzip bundle).
// Every case below was run through the old reader (fast-xml-parser 5.12.1 with the options it had) and gives the
// same result, but one: text written directly inside <xml>, beside the fields, which that library returned as a
// "#text" field and which is now left out (WeChat never sends it; no field Mingbai reads is named so).

describe('reading WeChat XML', () => {
  it.each([
    [
      '<?xml version="1.0" encoding="utf-8"?>\n<xml>\n  <ToUserName>gh</ToUserName>\n  <Content>  spaced  </Content>\n</xml>\n',
      { ToUserName: 'gh', Content: 'spaced' },
    ],
    ['<xml><Content><![CDATA[  cdata spaced  ]]></Content></xml>', { Content: '  cdata spaced  ' }],
    [
      '<xml><Content>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</Content></xml>',
      { Content: 'a <b> & "c" \'d\'' },
    ],
    [
      '<xml><Content>&#20320;&#x597D; &nbsp; &copy; &unknown;</Content></xml>',
      { Content: '&#20320;&#x597D; &nbsp; &copy; &unknown;' },
    ],
    ['<xml><Content>a<![CDATA[ & ]]>b</Content></xml>', { Content: 'a & b' }],
    ['<xml><Content></Content><Empty/><Sp> </Sp></xml>', { Content: '', Empty: '', Sp: '' }],
    ['<xml><A>1</A><A>2</A><B>x</B></xml>', { B: 'x' }],
    ['<xml><Nested><Item>1</Item></Nested><B>x</B></xml>', { B: 'x' }],
    ['<xml><Mixed>t<i>x</i>u</Mixed><B>x</B></xml>', { B: 'x' }],
    ['<xml attr="1"><B k="v">x</B></xml>', { B: 'x' }],
    ['<xml><!-- c --><B>x<!-- in --></B></xml>', { B: 'x' }],
    ['<xml><B>1 > 2</B></xml>', { B: '1 > 2' }],
    ['<xml><a:b>ns</a:b></xml>', { 'a:b': 'ns' }],
    ['<xml><B>x</B ></xml>', { B: 'x' }],
    ['<xml ><B >x</B></xml >', { B: 'x' }],
    ['<xml><B>x</B></xml><?pi x?>', { B: 'x' }],
    ['<xml><B>&amp;lt;</B></xml>', { B: '&lt;' }],
    ['<xml><B>x\r\ny</B></xml>', { B: 'x\ny' }],
    ['<xml><a><a><a><a><a><a><a>x</a></a></a></a></a></a></a><B>y</B></xml>', { B: 'y' }],
    ['<xml><a><a><a><a><a><a><a><a>x</a></a></a></a></a></a></a></a><B>y</B></xml>', { B: 'y' }],
    ['﻿<xml><B>x</B></xml>', { B: 'x' }],
    [
      '<xml><Encrypt><![CDATA[abc+/=]]></Encrypt><ToUserName><![CDATA[gh]]></ToUserName></xml>',
      { Encrypt: 'abc+/=', ToUserName: 'gh' },
    ],
    ['<xml><C> a <![CDATA[x]]> b </C></xml>', { C: 'axb' }],
    ['<xml> t <B>x</B> u </xml>', { B: 'x' }],
    ['<xml><B>x</B><C/></xml>', { B: 'x', C: '' }],
    ['<xml><B>&#60;</B></xml>', { B: '&#60;' }],
    ['<xml><B>x</B></xml>\n<!-- after -->\n', { B: 'x' }],
    ['<!-- before --><xml><B>x</B></xml>', { B: 'x' }],
    ['<xml><B a="1" b=\'2\'>x</B></xml>', { B: 'x' }],
    ['<xml><B a="<">x</B></xml>', { B: 'x' }],
    ['<xml><B>x</B><B/></xml>', {}],
    ['<xml><中文>x</中文></xml>', { 中文: 'x' }],
    ['<xml><B>x]]>y</B></xml>', { B: 'x]]>y' }],
    ['<xml><B><![CDATA[a]]><![CDATA[b]]></B></xml>', { B: 'ab' }],
    ['<xml><B>\t\n</B></xml>', { B: '' }],
    ['<xml><B>x</B><!----></xml>', { B: 'x' }],
    ['<xml><B>x</B><!-- bad -- comment --></xml>', { B: 'x' }],
    ['<xml><B><![CDATA[x\r\ny]]></B></xml>', { B: 'x\ny' }],
    ['<xml><B>x\ry</B></xml>', { B: 'x\ny' }],
    ['<xml><B>x</B><?pi inside?></xml>', { B: 'x' }],
    ['<xml><B>　全角　</B></xml>', { B: '全角' }],
    ['<?xml version="1.0"?><?other?><xml><B>x</B></xml>', { B: 'x' }],
    ['<xml><B>&constructor;&toString;</B></xml>', { B: '&constructor;&toString;' }],
  ])('reads %j', (text, fields) => {
    expect(parseWechatXml(text)).toEqual(fields);
  });

  it.each([
    '<xml>text</xml>',
    '<xml></xml>',
    '<xml/>',
    '<root><B>x</B></root>',
    '<xml><B>x</B></xml><xml><C>y</C></xml>',
    '<xml><B>x</B></xml>trailing',
    'leading<xml><B>x</B></xml>',
    'not xml at all <',
    '<xml><B>x</C></xml>',
    '<xml><B>x</B>',
    '<xml><B>x</xml>',
    '',
    '   ',
    '<xml><B>1 < 2</B></xml>',
    '<xml><B><![CDATA[unterminated</B></xml>',
    '<xml><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a></xml>',
    '<xml><__proto__>x</__proto__><constructor>y</constructor></xml>',
    '<xml><B>x</B><!DOCTYPE x></xml>',
    '<xml><1B>x</1B></xml>',
    '<xml><B x>v</B></xml>',
    '<xml><B>x</b></xml>',
    '<xml><B>x&</B></xml>',
    '<xml><a><a><a><a><a><a><a><a><a>x</a></a></a></a></a></a></a></a></a><B>y</B></xml>',
    '<xml><a><a><a><a><a><a><a><a><a><a>x</a></a></a></a></a></a></a></a></a></a><B>y</B></xml>',
    '<xml><prototype>x</prototype></xml>',
    '<xml><B/ ></xml>',
    '<xml><B>x</B></xml><xml/>',
    '<xml><B><i>1</i><i>2</i></B><__proto__><a>1</a></__proto__></xml>',
    '<xml><B><constructor>1</constructor></B></xml>',
    '<xml><B>x</B></xml>\u0000',
    '<xml><!-- c --></xml>',
    '</x><xml><B>1</B></xml>',
    '<xml><B>x</B></xml></xml>',
  ])('refuses %j', (text) => {
    expect(() => parseWechatXml(text)).toThrow(WechatXmlError);
  });

  it('allows eight levels of elements inside <xml>, not nine, and drops the nested field', () => {
    const nested = (levels: number) => `<xml>${'<a>'.repeat(levels)}x${'</a>'.repeat(levels)}<B>y</B></xml>`;
    expect(parseWechatXml(nested(8))).toEqual({ B: 'y' });
    expect(() => parseWechatXml(nested(9))).toThrow(WechatXmlError);
    expect(() => parseWechatXml(`<xml>${'<a>'.repeat(50)}</xml>`)).toThrow(WechatXmlError);
  });

  it('refuses a message larger than any WeChat sends, and never returns a prototype', () => {
    const big = `<xml><Content>${'x'.repeat(MAX_WECHAT_XML_BYTES)}</Content></xml>`;
    expect(() => parseWechatXml(big)).toThrow(WechatXmlError);
    const fields = parseWechatXml('<xml><hasOwnProperty>1</hasOwnProperty><B>2</B></xml>');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(fields).toEqual({ hasOwnProperty: '1', B: '2' });
  });
});
