// The checks the LINE platform makes on message objects, as its reference documents them, for the ones Mingbai
// sends (text, flex, image) and their quick replies. A failed check is a 400 with LINE's error shape.

export interface LineErrorDetail {
  message: string;
  property: string;
}

const TEXT_MAX = 5000;
const ALT_TEXT_MAX = 1500;
const QUICK_REPLY_ITEMS_MAX = 13;
const ACTION_LABEL_MAX = 20;
const POSTBACK_DATA_MAX = 300;
const DISPLAY_TEXT_MAX = 300;
const FLEX_JSON_MAX = 30_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Problems with a `messages` array (empty when it is valid). */
export function validateMessages(messages: unknown, maxMessages = 5): LineErrorDetail[] {
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > maxMessages) {
    return [{ message: `Size must be between 1 and ${maxMessages}`, property: 'messages' }];
  }
  return messages.flatMap((message, index) => validateMessage(message, `messages[${index}]`));
}

function validateMessage(message: unknown, at: string): LineErrorDetail[] {
  if (!isObject(message)) return [{ message: 'Must be an object', property: at }];
  const problems: LineErrorDetail[] = [];
  switch (message.type) {
    case 'text': {
      const text = message.text;
      if (typeof text !== 'string' || text.length === 0) {
        problems.push({ message: 'Must not be empty', property: `${at}.text` });
      } else if ([...text].length > TEXT_MAX) {
        problems.push({ message: `Length must be between 0 and ${TEXT_MAX}`, property: `${at}.text` });
      }
      break;
    }
    case 'flex': {
      const alt = message.altText;
      if (typeof alt !== 'string' || alt.length === 0 || [...alt].length > ALT_TEXT_MAX) {
        problems.push({ message: `Length must be between 1 and ${ALT_TEXT_MAX}`, property: `${at}.altText` });
      }
      const contents = message.contents;
      if (!isObject(contents) || (contents.type !== 'bubble' && contents.type !== 'carousel')) {
        problems.push({ message: 'Must be a bubble or a carousel', property: `${at}.contents` });
      } else if (JSON.stringify(contents).length > FLEX_JSON_MAX) {
        problems.push({ message: 'Size must be at most 30KB', property: `${at}.contents` });
      } else {
        problems.push(...validateFlexActions(contents, `${at}.contents`));
      }
      break;
    }
    case 'image': {
      for (const key of ['originalContentUrl', 'previewImageUrl']) {
        const url = message[key];
        if (typeof url !== 'string' || !url.startsWith('https://')) {
          problems.push({ message: 'Must be an https URL', property: `${at}.${key}` });
        }
      }
      break;
    }
    default:
      problems.push({
        message: 'Must be one of the following values: [text, flex, image, …]',
        property: `${at}.type`,
      });
  }
  if (message.quickReply !== undefined)
    problems.push(...validateQuickReply(message.quickReply, `${at}.quickReply`));
  return problems;
}

function validateQuickReply(quickReply: unknown, at: string): LineErrorDetail[] {
  if (!isObject(quickReply) || !Array.isArray(quickReply.items)) {
    return [{ message: 'Must be an object with items', property: at }];
  }
  const items = quickReply.items;
  if (items.length < 1 || items.length > QUICK_REPLY_ITEMS_MAX) {
    return [{ message: `Size must be between 1 and ${QUICK_REPLY_ITEMS_MAX}`, property: `${at}.items` }];
  }
  return items.flatMap((item, index) => {
    const path = `${at}.items[${index}]`;
    if (!isObject(item) || item.type !== 'action')
      return [{ message: 'Must be an action item', property: path }];
    return validateAction(item.action, `${path}.action`, true);
  });
}

function validateAction(action: unknown, at: string, labelRequired: boolean): LineErrorDetail[] {
  if (!isObject(action)) return [{ message: 'Must be an object', property: at }];
  const problems: LineErrorDetail[] = [];
  const label = action.label;
  if (label !== undefined || labelRequired) {
    if (typeof label !== 'string' || label.length === 0 || [...label].length > ACTION_LABEL_MAX) {
      problems.push({ message: `Length must be between 1 and ${ACTION_LABEL_MAX}`, property: `${at}.label` });
    }
  }
  switch (action.type) {
    case 'postback': {
      const data = action.data;
      if (typeof data !== 'string' || data.length === 0 || data.length > POSTBACK_DATA_MAX) {
        problems.push({
          message: `Length must be between 1 and ${POSTBACK_DATA_MAX}`,
          property: `${at}.data`,
        });
      }
      const display = action.displayText;
      if (display !== undefined && (typeof display !== 'string' || [...display].length > DISPLAY_TEXT_MAX)) {
        problems.push({
          message: `Length must be at most ${DISPLAY_TEXT_MAX}`,
          property: `${at}.displayText`,
        });
      }
      break;
    }
    case 'uri': {
      const uri = action.uri;
      if (typeof uri !== 'string' || !/^(https?:|line:|tel:)/.test(uri) || uri.length > 1000) {
        problems.push({ message: 'Must be an http, https, line or tel URI', property: `${at}.uri` });
      }
      break;
    }
    case 'message': {
      if (typeof action.text !== 'string' || action.text.length === 0) {
        problems.push({ message: 'Must not be empty', property: `${at}.text` });
      }
      break;
    }
    case 'camera':
    case 'cameraRoll':
      break;
    default:
      problems.push({ message: 'Unknown action type', property: `${at}.type` });
  }
  return problems;
}

/** Buttons inside a Flex bubble: every `action` object found in the tree. */
function validateFlexActions(node: unknown, at: string): LineErrorDetail[] {
  if (Array.isArray(node))
    return node.flatMap((child, index) => validateFlexActions(child, `${at}[${index}]`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'action'
      ? validateAction(value, `${at}.action`, false)
      : validateFlexActions(value, `${at}.${key}`),
  );
}
