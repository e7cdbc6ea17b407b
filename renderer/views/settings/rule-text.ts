import type { Rule, RuleField } from '../../../shared/categories/types';
import { ruleWords, type WordsAlternative } from '../../../shared/categories/rule-words';
import type { Translate } from '../../app/AppContext';

const FIELD_KEYS = { app: 'rules.field.app', title: 'rules.field.title', url: 'rules.field.url' } as const;

/** A rule in the reader's words: "title contains “YouTube” and “training”"; a pattern too complex for words is quoted as a regex. */
export function ruleText(rule: Pick<Rule, RuleField>, t: Translate): string {
  return ruleWords(rule)
    .map((words) => {
      const field = t(FIELD_KEYS[words.field]);
      if (words.kind === 'regex') return t('rules.words.field', { field, what: t('rules.words.matches', { source: `/${words.source}/` }) });
      const quoted = (names: string[]) => names.map((text) => t('rules.words.quote', { text })).join(t('rules.words.or'));
      if (words.kind === 'segment') return t('rules.words.field', { field, what: t('rules.words.segment', { names: quoted(words.names) }) });
      if (words.kind === 'site') return t('rules.words.field', { field, what: t('rules.words.site', { names: quoted(words.names) }) });
      const what = words.anyOf.map((alternative) => alternativeText(alternative, t)).join(t('rules.words.or'));
      return t('rules.words.field', { field, what });
    })
    .join(t('rules.words.andFields'));
}

function alternativeText({ parts, start, end }: WordsAlternative, t: Translate): string {
  const quote = (text: string) => t('rules.words.quote', { text });
  if (start && end && parts.length === 1) return t('rules.words.is', { part: quote(parts[0]!) });
  const rest = [...parts];
  const said: string[] = [];
  if (start) said.push(t('rules.words.startsWith', { part: quote(rest.shift()!) }));
  const last = end && rest.length > 0 ? rest.pop()! : null;
  if (rest.length > 0) said.push(t('rules.words.contains', { parts: rest.map(quote).join(t('rules.words.and')) }));
  if (last !== null) said.push(t('rules.words.endsWith', { part: quote(last) }));
  return said.join(t('rules.words.also'));
}
