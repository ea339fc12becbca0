import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/conversation/flow-registry.js';
import type { Step } from '../../src/conversation/flow-schema.js';
import { looksLikeQuestion } from '../../src/conversation/match-choice.js';
import type { InboundEvent } from '../../src/conversation/messages.js';
import { parseReply } from '../../src/conversation/reply-validators.js';
import { valuesMentioned } from '../../src/conversation/scan-words.js';

const flows = loadFlows();

function stepOf(flow: string, id: string): Extract<Step, { type: 'ask_choice' | 'confirm' | 'ask_photo' }> {
  const step = flows.get(flow)?.steps[id];
  if (!step || (step.type !== 'ask_choice' && step.type !== 'confirm' && step.type !== 'ask_photo'))
    throw new Error(`${flow}.${id} is not a choice`);
  return step;
}

/** What typing `text` at the step gives: the value, 'question', or 'retry'. */
function typed(flow: string, id: string, text: string) {
  const event: InboundEvent = { type: 'text', text };
  const reply = parseReply(stepOf(flow, id), event);
  if (reply.ok) return reply.value;
  return reply.question ? 'question' : 'retry';
}

describe('typed answers to choice steps', () => {
  it('read school stages as parents say them, in all three locales', () => {
    const stage = (text: string) => typed('eligibility', 'ask_stage', text);
    for (const text of [
      '初中',
      '初二',
      '八年级',
      '七年级',
      '孩子上初二了',
      '國中二年級',
      '初中一年级',
      'junior high',
      'Grade 8',
    ])
      expect(stage(text), text).toBe('junior_secondary');
    for (const text of ['幼儿园大班', '上幼儿园', '幼稚園', 'kindergarten'])
      expect(stage(text), text).toBe('preschool');
    for (const text of ['上高一', '高中', '普通高中', '十一年级', 'high school', 'grade 10'])
      expect(stage(text), text).toBe('senior_secondary');
    for (const text of ['小学', '小學', '三年级', 'primary school', 'grade 1'])
      expect(stage(text), text).toBe('primary');
    expect(stage('中职')).toBe('vocational_secondary');
    expect(stage('中等職業學校（中職）')).toBe('vocational_secondary');
    expect(stage('大学本专科')).toBe('undergraduate');
  });

  it('read household situations, several at once where the step allows it', () => {
    const household = (text: string) => typed('eligibility', 'household', text);
    expect(household('低保户')).toEqual(['subsistence_allowance']);
    expect(household('我家是低保')).toEqual(['subsistence_allowance']);
    expect(household('最低生活保障家庭（低保）')).toEqual(['subsistence_allowance']);
    expect(household('贫困户')).toEqual(['poverty_alleviated']);
    expect(household('建档立卡')).toEqual(['poverty_alleviated']);
    expect(household('单亲')).toEqual(['single_parent']);
    expect(household('單親家庭')).toEqual(['single_parent']);
    expect(household('低保，单亲')).toEqual(['subsistence_allowance', 'single_parent']);
    expect(household('低保、单亲家庭和孤儿')).toEqual(['subsistence_allowance', 'orphan', 'single_parent']);
    expect(household('dibao and single parent')).toEqual(['subsistence_allowance', 'single_parent']);
    expect(household('低保，别的都没有')).toEqual(['subsistence_allowance']);
    expect(household('都不是')).toEqual(['none']);
    expect(household('None of these')).toEqual(['none']);
    // A negated situation is not that situation.
    expect(household('不是低保')).toBe('retry');
  });

  it('read every way of saying "not sure" as the not-sure option, never as a question', () => {
    for (const text of [
      '不知道',
      '不清楚',
      '不确定',
      '我也不知道',
      '不確定',
      'not sure',
      "I don't know",
      'no idea',
    ]) {
      expect(typed('eligibility', 'household', text), text).toEqual(['unsure']);
      expect(typed('eligibility', 'q_boarding', text), text).toBe('unsure');
      expect(looksLikeQuestion(text), text).toBe(false);
    }
  });

  it('read yes and no, longer words winning over the shorter ones inside them', () => {
    const boarding = (text: string) => typed('eligibility', 'q_boarding', text);
    for (const text of ['是', '是的', '住校', '嗯', 'yes', 'Yes, she boards'])
      expect(boarding(text), text).toBe('yes');
    for (const text of ['不是', '不', '不住校', '走读', '每天回家', 'No', 'day student'])
      expect(boarding(text), text).toBe('no');
    expect(typed('eligibility', 'q_residence', '村里')).toBe('rural');
    expect(typed('eligibility', 'q_residence', '城里')).toBe('urban');
    expect(typed('eligibility', 'q_residence', '不是农村')).toBe('retry');
    expect(typed('eligibility', 'q_ownership', '公立')).toBe('public');
    expect(typed('eligibility', 'q_grade', '高二')).toBe('2');
    expect(typed('contact', 'confirm', '是的，发送')).toBe(true);
    expect(typed('contact', 'confirm', '不用了')).toBe(false);
    expect(typed('contact', 'photo', '不用')).toBe(null);
  });

  it('take option numbers in every form people type them', () => {
    const stage = (text: string) => typed('eligibility', 'ask_stage', text);
    for (const text of ['2', '２', '第二个', '第2个', '选2', '2号', 'option 2', 'the second one', 'second'])
      expect(stage(text), text).toBe('primary');
    expect(stage('最后一个')).toBe('postgraduate');
    expect(stage('9')).toBe('retry');
    expect(typed('eligibility', 'household', '1，3')).toEqual([
      'poverty_alleviated',
      'subsistence_allowance',
    ]);
    // One answer only at a single choice.
    expect(stage('1、3')).toBe('retry');
  });

  it('tell a question from an answer', () => {
    expect(typed('eligibility', 'household', '什么是低保？')).toBe('question');
    expect(typed('eligibility', 'household', '低保户能补多少钱')).toBe('question');
    expect(typed('eligibility', 'ask_stage', '营养餐每天补多少钱')).toBe('question');
    expect(typed('eligibility', 'ask_stage', 'What is dibao?')).toBe('question');
    // A bare answer with a question mark is still the answer.
    expect(typed('eligibility', 'ask_stage', '初中？')).toBe('junior_secondary');
    expect(looksLikeQuestion('助学贷款怎么申请')).toBe(true);
    expect(looksLikeQuestion('how do I apply')).toBe(true);
    expect(looksLikeQuestion('I think junior high')).toBe(false);
  });

  it('read names of people and menu items too', () => {
    expect(typed('bind', 'who', '我是孩子妈妈')).toBe('mother');
    expect(typed('bind', 'who', '外婆')).toBe('maternal_grandparent');
    expect(typed('bind', 'who', 'Dad')).toBe('father');
    expect(typed('language', 'choose', '繁體中文')).toBe('zh-TW');
    expect(typed('language', 'choose', '英文')).toBe('en');
    expect(typed('menu', 'choose', '资助自查')).toBe('eligibility');
    expect(typed('menu', 'choose', '我想给老师留言')).toBe('contact');
  });
});

describe('valuesMentioned (for the ask engine)', () => {
  it('finds the facts a question names', () => {
    expect(valuesMentioned('我家孩子上初中住校，一年能补多少钱', 'stage')).toEqual(['junior_secondary']);
    expect(valuesMentioned('我家孩子上初中住校，一年能补多少钱', 'boarding')).toEqual(['yes']);
    expect(valuesMentioned('低保户和单亲家庭能领什么', 'category')).toEqual([
      'subsistence_allowance',
      'single_parent',
    ]);
    expect(valuesMentioned('農村的孩子', 'residence')).toEqual(['rural']);
    expect(valuesMentioned('孩子不住校', 'boarding')).toEqual(['no']);
    expect(valuesMentioned('how much for a boarder in middle school', 'stage')).toEqual(['junior_secondary']);
    expect(valuesMentioned('你好', 'stage')).toEqual([]);
    expect(valuesMentioned('初中', 'no_such_vocabulary')).toEqual([]);
  });
});
