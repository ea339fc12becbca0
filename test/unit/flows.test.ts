import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../src/conversation/actions/index.js';
import { FLOW_DOCUMENTS, loadFlows } from '../../src/conversation/flow-registry.js';
import { validateFlows } from '../../src/conversation/validate-flows.js';
import { hasMessage } from '../../src/i18n/index.js';

const context = { hasMessage, actionNames: ACTION_NAMES };

describe('flow definitions', () => {
  it('ship valid: every step, target, locale key and action exists', () => {
    expect(validateFlows(FLOW_DOCUMENTS, context).problems).toEqual([]);
    expect([...loadFlows().keys()]).toContain('menu');
  });

  it('report a step that points to a missing step or flow', () => {
    const broken = {
      id: 'broken',
      title: 'flows.menu.title',
      start: 'first',
      steps: {
        first: { type: 'say', text: 'flows.menu.title', next: 'nowhere' },
        second: { type: 'say', text: 'flows.menu.title', next: '@no_such_flow' },
      },
    };
    const { problems } = validateFlows([...FLOW_DOCUMENTS, broken], context);
    expect(problems).toEqual([
      'flow broken, step first: next "nowhere" does not exist',
      'flow broken, step second: next "@no_such_flow" does not exist',
    ]);
  });

  it('report a missing locale key, an unknown action and a missing start step', () => {
    const broken = {
      id: 'broken',
      title: 'flows.broken.title',
      start: 'begin',
      steps: { call: { type: 'call', action: 'launch_rockets' } },
    };
    const { problems } = validateFlows([...FLOW_DOCUMENTS, broken], context);
    expect(problems).toContain('flow broken: start step "begin" does not exist');
    expect(problems).toContain(
      'flow broken, step (title): locale key "flows.broken.title" is missing in some locale',
    );
    expect(problems).toContain('flow broken, step call: action "launch_rockets" is not registered');
  });

  it('report schema errors such as an unknown step type', () => {
    const broken = { id: 'broken', title: 'x', start: 'a', steps: { a: { type: 'dance' } } };
    const { problems } = validateFlows([...FLOW_DOCUMENTS, broken], context);
    expect(problems.some((problem) => problem.startsWith(`flow #${FLOW_DOCUMENTS.length}: steps.a`))).toBe(
      true,
    );
  });
});
