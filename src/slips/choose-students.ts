/** A student of the class as the print form sees them. */
export interface SlipCandidate {
  id: string;
  bound: boolean;
  hasOpenCode: boolean;
}

/**
 * Who gets a new slip. `missing` (the default) touches no slip already handed out; `unbound` and `all`
 * replace the open slips of everyone they pick; otherwise only the students ticked (or the one named).
 * Ids outside the class are ignored, so a form can never print another class's child.
 */
export function chooseStudents(
  candidates: readonly SlipCandidate[],
  which: string,
  ticked: readonly string[],
): string[] {
  const chosen = (keep: (candidate: SlipCandidate) => boolean) =>
    candidates.filter(keep).map((candidate) => candidate.id);
  switch (which) {
    case 'missing':
      return chosen((candidate) => !candidate.bound && !candidate.hasOpenCode);
    case 'unbound':
      return chosen((candidate) => !candidate.bound);
    case 'all':
      return chosen(() => true);
    case 'chosen':
      return chosen((candidate) => ticked.includes(candidate.id));
    default:
      return chosen((candidate) => candidate.id === which);
  }
}
