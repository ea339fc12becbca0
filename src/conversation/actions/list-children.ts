import { boundChildren } from '../../binding/binding-service.js';
import { t } from '../../i18n/index.js';
import type { Action } from './action.js';

/** Shows the children this person is bound to and offers them as choices (for unbinding). */
export const listChildren: Action = async ({ deps, identity, state }) => {
  const children = await boundChildren(deps, identity);
  const describe = (child: (typeof children)[number]) =>
    t(state.locale, 'flows.children.item', {
      student: child.studentMasked,
      school: child.schoolName,
      className: child.className,
      relation: t(state.locale, `relation.${child.relation}`),
    });
  const messages =
    children.length > 0
      ? [
          {
            type: 'text' as const,
            text: [
              t(state.locale, 'flows.children.heading'),
              ...children.map((child) => `• ${describe(child)}`),
            ].join('\n'),
          },
        ]
      : [];
  return {
    ok: true,
    messages,
    vars: {
      childCount: children.length,
      childOptions: children.map((child) => ({
        value: child.bindingId,
        label: `${child.studentMasked} · ${child.className}`,
      })),
    },
  };
};
