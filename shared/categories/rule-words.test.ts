import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, titleSegment, urlHost } from './default-rules';
import { compilePattern } from './pattern';
import { patternWords, ruleWords, sampleText } from './rule-words';

describe('rules in words', () => {
  it('puts plain text, ".*" between parts, anchors and alternatives in words', () => {
    expect(ruleWords({ title: 'YouTube.*training' })).toEqual([
      { field: 'title', kind: 'words', anyOf: [{ parts: ['YouTube', 'training'], start: false, end: false }] },
    ]);
    expect(patternWords('^slack$')).toEqual([{ parts: ['slack'], start: true, end: true }]);
    expect(patternWords(String.raw`^(?:youtube|freetube)\b`)).toEqual([
      { parts: ['youtube'], start: true, end: false },
      { parts: ['freetube'], start: true, end: false },
    ]);
    expect(patternWords(String.raw`pipedrive\.com`)).toEqual([{ parts: ['pipedrive.com'], start: false, end: false }]);
    expect(patternWords(String.raw`\| Salesforce`)).toEqual([{ parts: ['| Salesforce'], start: false, end: false }]);
  });

  it("reads the built-in rules' title segments and sites as names", () => {
    expect(ruleWords({ title: titleSegment('Salesforce'), url: urlHost(String.raw`apollo\.io`) })).toEqual([
      { field: 'title', kind: 'segment', names: ['Salesforce'] },
      { field: 'url', kind: 'site', names: ['apollo.io'] },
    ]);
    expect(ruleWords({ title: titleSegment(String.raw`Apollo(?:\.io)?|Outreach`) })).toEqual([
      { field: 'title', kind: 'segment', names: ['Apollo', 'Outreach'] },
    ]);
  });

  it('leaves anything else as its regular expression', () => {
    for (const source of ['a+b', '[0-9]+', 'x(y|z)w', 'colou?r', String.raw`\d{3}`, '(?:a|(b))']) {
      expect(patternWords(source), source).toBeNull();
    }
    expect(ruleWords({ app: 'a+b', url: 'zoom' })).toEqual([
      { field: 'app', kind: 'regex', source: 'a+b' },
      { field: 'url', kind: 'words', anyOf: [{ parts: ['zoom'], start: false, end: false }] },
    ]);
  });

  it('makes a sample text the pattern matches, for every built-in pattern it can put in words', () => {
    expect(sampleText('YouTube.*training')).toBe('YouTube training');
    let tried = 0;
    for (const rule of DEFAULT_RULES) {
      for (const source of [rule.app, rule.title, rule.url]) {
        if (source === undefined) continue;
        const sample = sampleText(source);
        if (sample === null) continue;
        tried += 1;
        expect(compilePattern(source).test(sample), `${source} → ${sample}`).toBe(true);
      }
    }
    expect(tried).toBeGreaterThan(5);
  });
});
