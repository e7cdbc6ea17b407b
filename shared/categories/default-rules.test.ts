import { describe, expect, it } from 'vitest';
import { compileRules } from './categorizer';
import { DEFAULT_LITERALS } from './default-literals';
import { DEFAULT_RATINGS } from './default-ratings';
import { DEFAULT_RULES } from './default-rules';
import { requiredLiterals } from './required-literals';
import { patternProblem } from './pattern';
import { parseCategoryRatings, parseRules } from './schema';
import { RULE_FIELDS, type Activity, type Rating } from './types';

const categorizer = compileRules(DEFAULT_RULES, DEFAULT_RATINGS);
const chrome = (title: string): Activity => ({ app: 'Google-chrome', title: `${title} - Google Chrome` });
const firefox = (title: string): Activity => ({ app: 'firefox', title: `${title} — Mozilla Firefox` });
const url = (address: string, title = 'Loading…'): Activity => ({ app: 'Google-chrome', title: `${title} - Google Chrome`, url: address });

/** [what, window, category, rating] — windows as the recorder sees them (Linux: WM_CLASS and title). */
const windows: [string, Activity, string, Rating][] = [
  // CRM
  ['Salesforce opportunity', chrome('Opportunity: Acme Corp | Salesforce'), 'Sales > CRM > Salesforce', 'productive'],
  ['Salesforce in Firefox', firefox('Acme Corp | Account | Salesforce'), 'Sales > CRM > Salesforce', 'productive'],
  ['Salesforce Classic', chrome('salesforce.com - Enterprise Edition'), 'Sales > CRM > Salesforce', 'productive'],
  ['Salesforce Lightning url', url('https://acme.lightning.force.com/lightning/r/Opportunity/006/view'), 'Sales > CRM > Salesforce', 'productive'],
  ['Salesforce my domain url', url('https://acme.my.salesforce.com/001/o'), 'Sales > CRM > Salesforce', 'productive'],
  ['Salesforce page mentioning a dialer', chrome('Call notes via Aircall | Salesforce'), 'Sales > CRM > Salesforce', 'productive'],
  ['HubSpot deals', chrome('Deals | HubSpot'), 'Sales > CRM > HubSpot', 'productive'],
  ['HubSpot url', url('https://app-eu1.hubspot.com/contacts/123/deals'), 'Sales > CRM > HubSpot', 'productive'],
  ['Pipedrive', firefox('Deals - Pipedrive'), 'Sales > CRM > Pipedrive', 'productive'],
  ['Pipedrive url', url('https://acme.pipedrive.com/pipeline/1'), 'Sales > CRM > Pipedrive', 'productive'],
  // Prospecting
  ['Sales Navigator', chrome('Jane Doe | Sales Navigator'), 'Sales > Prospecting > LinkedIn Sales Navigator', 'productive'],
  ['Sales Navigator beats LinkedIn', chrome('Lead: Jane Doe | Sales Navigator | LinkedIn'), 'Sales > Prospecting > LinkedIn Sales Navigator', 'productive'],
  ['Sales Navigator url', url('https://www.linkedin.com/sales/lead/ACwAA', 'LinkedIn'), 'Sales > Prospecting > LinkedIn Sales Navigator', 'productive'],
  ['LinkedIn feed', chrome('(3) Feed | LinkedIn'), 'Social > LinkedIn', 'neutral'],
  ['LinkedIn url', url('https://www.linkedin.com/feed/'), 'Social > LinkedIn', 'neutral'],
  // Support
  ['Zendesk ticket', chrome('Refund request – Acme – Zendesk'), 'Support > Helpdesk > Zendesk', 'productive'],
  ['Zendesk url', url('https://acme.zendesk.com/agent/tickets/1234'), 'Support > Helpdesk > Zendesk', 'productive'],
  // Dialers
  ['Aircall app', { app: 'Aircall', title: 'Aircall Workspace' }, 'Sales > Calls > Dialer > Aircall', 'productive'],
  ['Aircall web', url('https://phone.aircall.io/'), 'Sales > Calls > Dialer > Aircall', 'productive'],
  ['RingCentral app', { app: 'RingCentral', title: 'RingCentral' }, 'Sales > Calls > Dialer > RingCentral', 'productive'],
  ['Dialpad web', chrome('Dialpad'), 'Sales > Calls > Dialer > Dialpad', 'productive'],
  ['Dialpad app', { app: 'Dialpad', title: 'Dialpad' }, 'Sales > Calls > Dialer > Dialpad', 'productive'],
  ['Five9', chrome('Five9 Agent Desktop Plus'), 'Sales > Calls > Dialer > Five9', 'productive'],
  ['Talkdesk', chrome('Talkdesk Workspace'), 'Sales > Calls > Dialer > Talkdesk', 'productive'],
  ['Zendesk Talk beats Zendesk', chrome('Zendesk Talk - Zendesk'), 'Sales > Calls > Dialer > Zendesk Talk', 'productive'],
  // Email and calendar
  ['Gmail', chrome('Inbox (3) - jane.doe@acme.com - Gmail'), 'Communication > Email > Gmail', 'productive'],
  ['Gmail for Workspace', firefox('Inbox (12) - jane@acme.com - Acme Corp Mail'), 'Communication > Email > Gmail', 'productive'],
  ['Gmail url', url('https://mail.google.com/mail/u/0/#inbox'), 'Communication > Email > Gmail', 'productive'],
  ['Outlook web', chrome('Mail - Jane Doe - Outlook'), 'Communication > Email > Outlook', 'productive'],
  ['Outlook desktop (macOS)', { app: 'Microsoft Outlook', title: 'Inbox • jane@acme.com' }, 'Communication > Email > Outlook', 'productive'],
  ['Outlook desktop (Windows)', { app: 'OUTLOOK.EXE', title: 'Inbox - jane@acme.com - Outlook' }, 'Communication > Email > Outlook', 'productive'],
  ['Outlook url', url('https://outlook.office.com/mail/inbox'), 'Communication > Email > Outlook', 'productive'],
  ['Thunderbird', { app: 'thunderbird', title: 'Inbox - Mozilla Thunderbird' }, 'Communication > Email', 'productive'],
  ['Google Calendar', chrome('Google Calendar - Week of June 2, 2025'), 'Communication > Calendar > Google Calendar', 'productive'],
  ['Google Calendar url', url('https://calendar.google.com/calendar/u/0/r/week'), 'Communication > Calendar > Google Calendar', 'productive'],
  ['Outlook calendar beats Outlook mail', chrome('Calendar - Jane Doe - Outlook'), 'Communication > Calendar > Outlook Calendar', 'productive'],
  // Meetings and chat
  ['Zoom meeting', { app: 'zoom', title: 'Zoom Meeting' }, 'Communication > Meetings > Zoom', 'productive'],
  ['Zoom main window', { app: 'zoom', title: 'Zoom Workplace' }, 'Communication > Meetings > Zoom', 'productive'],
  ['Zoom on macOS', { app: 'zoom.us', title: 'Zoom Meeting' }, 'Communication > Meetings > Zoom', 'productive'],
  ['Zoom web client', url('https://us02web.zoom.us/wc/81234567890/join', 'Zoom'), 'Communication > Meetings > Zoom', 'productive'],
  ['Teams meeting', { app: 'teams-for-linux', title: 'Meeting with Jane Doe | Microsoft Teams' }, 'Communication > Meetings > Microsoft Teams', 'productive'],
  ['Teams meeting in a browser', chrome('Meeting in "General" | Microsoft Teams'), 'Communication > Meetings > Microsoft Teams', 'productive'],
  ['Teams chat', { app: 'teams-for-linux', title: 'Chat | Jane Doe | Microsoft Teams' }, 'Communication > Chat > Microsoft Teams', 'productive'],
  ['Teams app', { app: 'Microsoft Teams', title: 'Activity' }, 'Communication > Chat > Microsoft Teams', 'productive'],
  ['Google Meet', chrome('Meet - abc-defg-hij'), 'Communication > Meetings > Google Meet', 'productive'],
  ['Google Meet in Firefox', firefox('Meet – abc-defg-hij'), 'Communication > Meetings > Google Meet', 'productive'],
  ['Google Meet url', url('https://meet.google.com/abc-defg-hij', 'Meet'), 'Communication > Meetings > Google Meet', 'productive'],
  ['Slack app', { app: 'Slack', title: 'sales-team (Channel) - Acme - Slack' }, 'Communication > Chat > Slack', 'productive'],
  ['Slack web', chrome('general (Channel) - Acme - Slack'), 'Communication > Chat > Slack', 'productive'],
  // Documents
  ['Google Docs', chrome('Q3 Territory Plan - Google Docs'), 'Documents > Text > Google Docs', 'productive'],
  ['Google Sheets', firefox('Pipeline 2025 - Google Sheets'), 'Documents > Spreadsheets > Google Sheets', 'productive'],
  ['Google Sheets url', url('https://docs.google.com/spreadsheets/d/1abc/edit'), 'Documents > Spreadsheets > Google Sheets', 'productive'],
  ['Excel app', { app: 'Microsoft Excel', title: 'Forecast.xlsx' }, 'Documents > Spreadsheets > Microsoft Excel', 'productive'],
  ['Excel online', chrome('Forecast.xlsx - Microsoft Excel Online'), 'Documents > Spreadsheets > Microsoft Excel', 'productive'],
  ['Word app', { app: 'Microsoft Word', title: 'Proposal.docx' }, 'Documents > Text > Microsoft Word', 'productive'],
  ['Word on Windows', { app: 'WINWORD.EXE', title: 'Proposal.docx - Word' }, 'Documents > Text > Microsoft Word', 'productive'],
  ['LibreOffice Calc', { app: 'libreoffice-calc', title: 'pipeline.ods - LibreOffice Calc' }, 'Documents > Spreadsheets > LibreOffice Calc', 'productive'],
  ['Google Docs about a meeting', chrome('Zoom Meeting notes - Google Docs'), 'Documents > Text > Google Docs', 'productive'],
  // Distractions
  ['YouTube', chrome('Funny cats compilation - YouTube'), 'Entertainment > Video > YouTube', 'unproductive'],
  ['YouTube url', url('https://www.youtube.com/watch?v=dQw4w9WgXcQ'), 'Entertainment > Video > YouTube', 'unproductive'],
  ['Netflix', firefox('Netflix'), 'Entertainment > Video > Netflix', 'unproductive'],
  ['Twitch', chrome('shroud - Twitch'), 'Entertainment > Video > Twitch', 'unproductive'],
  ['Reddit', chrome('r/sales on Reddit: How do you handle price objections?'), 'Social > Reddit', 'unproductive'],
  ['Facebook', chrome('(5) Facebook'), 'Social > Facebook', 'unproductive'],
  ['Instagram', chrome('Jane (@jane) • Instagram photos and videos'), 'Social > Instagram', 'unproductive'],
  ['X home', chrome('Home / X'), 'Social > X', 'unproductive'],
  ['X profile', firefox('(2) Jane Doe (@jane) / X'), 'Social > X', 'unproductive'],
  ['X url', url('https://x.com/home'), 'Social > X', 'unproductive'],
  ['TikTok', chrome('TikTok - Make Your Day'), 'Social > TikTok', 'unproductive'],
  ['Steam', { app: 'steam', title: 'Steam' }, 'Entertainment > Games', 'unproductive'],
  ['Solitaire', { app: 'sol', title: 'Klondike' }, 'Entertainment > Games', 'unproductive'],
  ['Chess', url('https://www.chess.com/play/online', 'Play Chess Online'), 'Entertainment > Games', 'unproductive'],
  ['Wordle beats news', chrome('Wordle - The New York Times'), 'Entertainment > Games', 'unproductive'],
  ['CNN', chrome('Markets rally on rate cut hopes | CNN Business'), 'News', 'unproductive'],
  ['BBC News', firefox('Home - BBC News'), 'News', 'unproductive'],
  ['News url', url('https://www.nytimes.com/section/business'), 'News', 'unproductive'],
  ['Spotify is neutral background', { app: 'Spotify', title: 'Spotify Premium' }, 'Entertainment > Music > Spotify', 'neutral'],
  // Not recognized
  ['a new tab', chrome('New Tab'), 'Uncategorized', 'neutral'],
  ['a search about a tool', chrome('salesforce pricing - Google Search'), 'Uncategorized', 'neutral'],
  ['a terminal', { app: 'gnome-terminal-server', title: 'jane@laptop: ~/stint' }, 'Uncategorized', 'neutral'],
  ['an unknown site with no url match', url('https://dropbox.com/home', 'Files - Dropbox'), 'Uncategorized', 'neutral'],
];

describe('default rules', () => {
  it('are valid and their ids unique', () => {
    expect(parseRules(DEFAULT_RULES)).toHaveLength(DEFAULT_RULES.length);
    expect(parseCategoryRatings(DEFAULT_RATINGS)).toHaveLength(DEFAULT_RATINGS.length);
  });

  it.each(windows)('recognize %s', (_what, window, category, rating) => {
    const result = categorizer.categorize(window);
    expect({ category: result.category, rating: result.rating }).toEqual({ category, rating });
  });

  it('rate every distraction category unproductive', () => {
    for (const category of [
      'Entertainment > Video > YouTube',
      'Entertainment > Video > Netflix',
      'Social > Reddit',
      'Social > Facebook',
      'Social > Instagram',
      'Social > X',
      'Social > TikTok',
      'Entertainment > Games',
      'News',
    ]) {
      expect(categorizer.ratingOf(category), category).toBe('unproductive');
    }
  });

  it('rate the sales stack productive', () => {
    const categories = new Set(DEFAULT_RULES.map((rule) => rule.category));
    for (const category of categories) {
      if (/^(Sales|Support|Communication|Documents)\b/.test(category)) expect(categorizer.ratingOf(category), category).toBe('productive');
    }
  });

  it('give every pattern a required literal, so no default rule is tested on every call', () => {
    for (const rule of DEFAULT_RULES) {
      for (const field of RULE_FIELDS) {
        const source = rule[field];
        if (source !== undefined) expect(requiredLiterals(source), `${rule.id} ${field}`).not.toBeNull();
      }
    }
  });
});

describe('the built-in rules’ patterns', () => {
  // Rule validation takes them as known good (schema.ts) rather than compiling them in every process: this is where they are checked.
  it('each compile for RE2 and as a JavaScript regular expression', () => {
    const sources = DEFAULT_RULES.flatMap((rule) => RULE_FIELDS.map((field) => rule[field]).filter((s): s is string => s !== undefined));
    expect(sources.length).toBeGreaterThan(20);
    for (const source of sources) expect(patternProblem(source), source).toBeNull();
  });

  it('have their required literals in default-literals.ts as worked out now (else run scripts/default-literals.ts)', () => {
    const sources = new Set(DEFAULT_RULES.flatMap((rule) => RULE_FIELDS.map((field) => rule[field]).filter((s): s is string => s !== undefined)));
    expect([...DEFAULT_LITERALS.keys()].sort()).toEqual([...sources].sort());
    for (const source of sources) expect(DEFAULT_LITERALS.get(source), source).toEqual(requiredLiterals(source));
  });
});
