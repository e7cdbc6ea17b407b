import type { Rule } from './types';

/**
 * Default rules for a sales team. Each tool is recognized by any one of three signals, each its own
 * rule (a rule with several fields needs all of them): the app (WM_CLASS on Linux, the process or
 * app name elsewhere: "Google-chrome", "zoom", "Microsoft Outlook"), the window title (browser
 * titles look like "Page Title - Google Chrome" or "Page Title — Mozilla Firefox", and on Linux the
 * title is often all there is), or the url when the recorder knows it.
 *
 * Brand names in titles must be a whole title segment — between the start or end of the title and
 * separators like " - ", " | ", " · " — so "Call notes via Aircall | Salesforce" is Salesforce, not a
 * dialer, and "salesforce pricing - Google Search" is not Salesforce.
 *
 * Order matters only between matching rules of equal depth: CRM and sales tools first, then
 * documents, then calendar before email (Outlook calendar windows also say "Outlook"), then meetings
 * before chat (Teams meeting windows also say "Microsoft Teams").
 */

/** A title separator: hyphen, en/em dash, bar, middle dot, bullet. */
const SEP = '[-–—|·•]';
/** A separator but the bar: hyphen, en dash, em dash (by code, as String.raw keeps characters as written and the CLI bundle stays ASCII). */
const DASHES = '-\u2013\u2014';

/**
 * A pattern for `names` (a regex alternation) as a whole title segment, allowing a leading
 * notification count: "Deals | HubSpot - Google Chrome", "(3) Facebook", "YouTube".
 */
export function titleSegment(names: string): string {
  return String.raw`(?:^|${SEP}\s*)(?:\(\d+\+?\)\s*)?(?:${names})(?:\s*${SEP}|$)`;
}

/** A pattern for a url on `hosts` (a regex alternation of host names) or any subdomain of them. */
export function urlHost(hosts: string): string {
  return String.raw`^(?:[a-z][a-z0-9+.-]*://)?(?:[^/?#]*\.)?(?:${hosts})(?:[:/?#]|$)`;
}

interface Signals {
  app?: string;
  title?: string;
  url?: string;
}

/** One rule per signal, with ids "<key>.app", "<key>.title", "<key>.url". */
function tool(key: string, category: string, signals: Signals): Rule[] {
  const rules: Rule[] = [];
  if (signals.app !== undefined) rules.push({ id: `${key}.app`, category, app: signals.app });
  if (signals.title !== undefined) rules.push({ id: `${key}.title`, category, title: signals.title });
  if (signals.url !== undefined) rules.push({ id: `${key}.url`, category, url: signals.url });
  return rules;
}

export const DEFAULT_RULES: readonly Rule[] = Object.freeze([
  // Sales: CRM
  ...tool('salesforce', 'Sales > CRM > Salesforce', {
    app: String.raw`^salesforce\b`,
    title: String.raw`${titleSegment('Salesforce')}|^Salesforce(?:\.com)? - \w+ Edition\b|\blightning\.force\.com\b|\.my\.salesforce\.com\b`,
    url: urlHost(String.raw`force\.com|salesforce\.com|visualforce\.com`),
  }),
  ...tool('hubspot', 'Sales > CRM > HubSpot', {
    app: String.raw`^hubspot\b`,
    title: String.raw`${titleSegment('HubSpot')}|\bapp(?:-[a-z0-9]+)?\.hubspot\.com\b`,
    url: String.raw`^(?:https?://)?app(?:-[a-z0-9]+)?\.hubspot\.com(?:[:/?#]|$)`,
  }),
  ...tool('pipedrive', 'Sales > CRM > Pipedrive', {
    app: String.raw`^pipedrive\b`,
    title: titleSegment('Pipedrive'),
    url: urlHost(String.raw`pipedrive\.com`),
  }),

  // Sales: prospecting and engagement
  ...tool('sales-navigator', 'Sales > Prospecting > LinkedIn Sales Navigator', {
    title: String.raw`\bSales Navigator\b`,
    url: String.raw`^(?:https?://)?(?:[^/?#]*\.)?linkedin\.com/sales\b`,
  }),
  ...tool('apollo', 'Sales > Prospecting > Apollo', {
    title: String.raw`${titleSegment(String.raw`Apollo(?:\.io)?`)}`,
    url: urlHost(String.raw`apollo\.io`),
  }),
  ...tool('outreach', 'Sales > Engagement > Outreach', {
    title: titleSegment('Outreach'),
    url: urlHost(String.raw`outreach\.io`),
  }),
  ...tool('salesloft', 'Sales > Engagement > Salesloft', {
    title: titleSegment('Salesloft'),
    url: urlHost(String.raw`salesloft\.com`),
  }),
  ...tool('gong', 'Sales > Conversation Intelligence > Gong', {
    title: titleSegment(String.raw`Gong(?:\.io)?`),
    url: urlHost(String.raw`gong\.io`),
  }),
  ...tool('docusign', 'Sales > Contracts > DocuSign', {
    app: String.raw`^docusign\b`,
    title: titleSegment(String.raw`DocuSign(?: eSignature)?|Docusign Apps Launcher`),
    url: urlHost(String.raw`docusign\.(?:com|net)`),
  }),
  ...tool('pandadoc', 'Sales > Contracts > PandaDoc', {
    title: titleSegment('PandaDoc'),
    url: urlHost(String.raw`pandadoc\.com`),
  }),

  // Sales: calls through dialers
  ...tool('aircall', 'Sales > Calls > Dialer > Aircall', {
    app: String.raw`^aircall\b`,
    title: titleSegment('Aircall(?: Workspace| Phone)?'),
    url: urlHost(String.raw`aircall\.io`),
  }),
  ...tool('ringcentral', 'Sales > Calls > Dialer > RingCentral', {
    app: 'ringcentral',
    title: titleSegment('RingCentral(?: App| Phone| Video)?'),
    url: urlHost(String.raw`ringcentral\.com`),
  }),
  ...tool('dialpad', 'Sales > Calls > Dialer > Dialpad', {
    app: String.raw`^dialpad\b`,
    title: titleSegment('Dialpad(?: Meetings| Talk)?'),
    url: urlHost(String.raw`dialpad\.com`),
  }),
  ...tool('five9', 'Sales > Calls > Dialer > Five9', {
    app: 'five9',
    title: titleSegment('Five9(?: Agent Desktop(?: Plus| Toolkit)?| Plus| Adapter)?'),
    url: urlHost(String.raw`five9\.(?:com|eu|ca)`),
  }),
  ...tool('talkdesk', 'Sales > Calls > Dialer > Talkdesk', {
    app: 'talkdesk',
    title: titleSegment('Talkdesk(?: Workspace| Agent| Phone| Callbar)?'),
    url: urlHost(String.raw`(?:my)?talkdesk(?:id)?\.com`),
  }),
  ...tool('zendesk-talk', 'Sales > Calls > Dialer > Zendesk Talk', {
    title: titleSegment('Zendesk Talk'),
  }),

  // Support
  ...tool('zendesk', 'Support > Helpdesk > Zendesk', {
    app: String.raw`^zendesk\b`,
    title: titleSegment('Zendesk(?: Support| Agent Workspace)?'),
    url: urlHost(String.raw`zendesk\.com`),
  }),

  // Documents
  ...tool('google-docs', 'Documents > Text > Google Docs', {
    title: titleSegment('Google Docs'),
    url: String.raw`^(?:https?://)?docs\.google\.com/document\b`,
  }),
  ...tool('google-sheets', 'Documents > Spreadsheets > Google Sheets', {
    title: titleSegment('Google Sheets'),
    url: String.raw`^(?:https?://)?docs\.google\.com/spreadsheets\b`,
  }),
  ...tool('google-slides', 'Documents > Presentations > Google Slides', {
    title: titleSegment('Google Slides'),
    url: String.raw`^(?:https?://)?docs\.google\.com/presentation\b`,
  }),
  ...tool('excel', 'Documents > Spreadsheets > Microsoft Excel', {
    app: String.raw`^(?:microsoft excel|excel(?:\.exe)?)$`,
    title: titleSegment('(?:Microsoft )?Excel(?: Online)?'),
  }),
  ...tool('word', 'Documents > Text > Microsoft Word', {
    app: String.raw`^(?:microsoft word|winword(?:\.exe)?)$`,
    title: titleSegment('(?:Microsoft )?Word(?: Online)?'),
  }),
  ...tool('powerpoint', 'Documents > Presentations > Microsoft PowerPoint', {
    app: String.raw`^(?:microsoft powerpoint|powerpnt(?:\.exe)?)$`,
    title: titleSegment('(?:Microsoft )?PowerPoint(?: Online)?'),
  }),
  ...tool('libreoffice-calc', 'Documents > Spreadsheets > LibreOffice Calc', {
    app: '^libreoffice-calc$',
    title: titleSegment('LibreOffice Calc'),
  }),
  ...tool('libreoffice-writer', 'Documents > Text > LibreOffice Writer', {
    app: '^libreoffice-writer$',
    title: titleSegment('LibreOffice Writer'),
  }),
  ...tool('google-drive', 'Documents > Google Drive', {
    title: titleSegment('Google Drive'),
    url: String.raw`^(?:https?://)?drive\.google\.com\b`,
  }),

  // Communication: calendar before email (an Outlook calendar window also says "Outlook").
  ...tool('google-calendar', 'Communication > Calendar > Google Calendar', {
    title: String.raw`\bGoogle Calendar\b`,
    url: String.raw`^(?:https?://)?calendar\.google\.com\b`,
  }),
  ...tool('outlook-calendar', 'Communication > Calendar > Outlook Calendar', {
    title: String.raw`^Calendar\s*${SEP}.*\bOutlook\b`,
    url: String.raw`^(?:https?://)?outlook\.(?:office|office365|live)\.com/calendar\b`,
  }),
  ...tool('gmail', 'Communication > Email > Gmail', {
    // "Inbox (3) - jane@acme.com - Gmail", or for Google Workspace "… - jane@acme.com - Acme Mail".
    title: String.raw`${titleSegment('Gmail')}|@[\w.-]+\.[a-z]{2,}\s*${SEP}\s*[^${DASHES}|]*\bMail(?:\s*${SEP}|$)`,
    url: String.raw`^(?:https?://)?mail\.google\.com\b`,
  }),
  ...tool('outlook', 'Communication > Email > Outlook', {
    app: String.raw`\boutlook\b`,
    title: titleSegment('(?:Microsoft )?Outlook(?: Web App)?'),
    url: String.raw`^(?:https?://)?outlook\.(?:office|office365|live)\.com\b|^(?:https?://)?outlook\.cloud\.microsoft\b`,
  }),
  ...tool('desktop-mail', 'Communication > Email', {
    app: String.raw`^(?:thunderbird|mail|evolution|geary|mailspring|kmail|org\.gnome\.evolution)$`,
  }),

  // Communication: meetings before chat (a Teams meeting window also says "Microsoft Teams").
  ...tool('zoom', 'Communication > Meetings > Zoom', {
    app: String.raw`^zoom\b`,
    title: String.raw`^Zoom (?:Meeting|Webinar)\b`,
    url: String.raw`^(?:https?://)?(?:[\w-]+\.)*zoom\.us/(?:wc|j|s)/`,
  }),
  ...tool('teams-meeting', 'Communication > Meetings > Microsoft Teams', {
    title: String.raw`\b(?:Meeting|Call)\b.*${SEP}\s*Microsoft Teams\b`,
    url: String.raw`^(?:https?://)?teams\.(?:microsoft\.com|live\.com|cloud\.microsoft)/.*meetup-join`,
  }),
  ...tool('google-meet', 'Communication > Meetings > Google Meet', {
    title: String.raw`\bMeet\s*${SEP}\s*[a-z]{3}-[a-z]{4}-[a-z]{3}\b|${titleSegment('Google Meet')}`,
    url: String.raw`^(?:https?://)?meet\.google\.com\b`,
  }),
  ...tool('teams', 'Communication > Chat > Microsoft Teams', {
    app: String.raw`\bteams\b`,
    title: titleSegment(String.raw`Microsoft Teams(?: \(work or school\)| classic)?`),
    url: String.raw`^(?:https?://)?teams\.(?:microsoft\.com|live\.com|cloud\.microsoft)\b`,
  }),
  ...tool('slack', 'Communication > Chat > Slack', {
    app: String.raw`^slack\b`,
    title: titleSegment('Slack'),
    url: urlHost(String.raw`slack\.com`),
  }),

  // Social: LinkedIn is neutral (Sales Navigator, deeper, is Sales); the rest are distractions.
  ...tool('linkedin', 'Social > LinkedIn', {
    title: titleSegment('LinkedIn'),
    url: urlHost(String.raw`linkedin\.com`),
  }),
  ...tool('facebook', 'Social > Facebook', {
    title: titleSegment('Facebook|Messenger'),
    url: urlHost(String.raw`facebook\.com|fb\.com|messenger\.com`),
  }),
  ...tool('instagram', 'Social > Instagram', {
    title: String.raw`\bInstagram\b`,
    url: urlHost(String.raw`instagram\.com`),
  }),
  ...tool('x', 'Social > X', {
    // "Home / X", "(2) Jane Doe (@jane) / X", or the old "… / Twitter".
    title: String.raw` / (?:X|Twitter)(?:\s*${SEP}|$)|${titleSegment('Twitter')}`,
    url: urlHost(String.raw`x\.com|twitter\.com`),
  }),
  ...tool('reddit', 'Social > Reddit', {
    title: String.raw`\bReddit\b`,
    url: urlHost(String.raw`reddit\.com|redd\.it`),
  }),
  ...tool('tiktok', 'Social > TikTok', {
    app: String.raw`^tiktok\b`,
    title: String.raw`\bTikTok\b`,
    url: urlHost(String.raw`tiktok\.com`),
  }),

  // Entertainment
  ...tool('youtube', 'Entertainment > Video > YouTube', {
    app: String.raw`^(?:youtube|freetube)\b`,
    title: titleSegment('YouTube'),
    url: urlHost(String.raw`youtube\.com|youtu\.be`),
  }),
  ...tool('netflix', 'Entertainment > Video > Netflix', {
    app: String.raw`^netflix\b`,
    title: titleSegment('Netflix'),
    url: urlHost(String.raw`netflix\.com`),
  }),
  ...tool('twitch', 'Entertainment > Video > Twitch', {
    title: titleSegment('Twitch'),
    url: urlHost(String.raw`twitch\.tv`),
  }),
  ...tool('streaming', 'Entertainment > Video', {
    title: titleSegment(String.raw`Prime Video|Disney\+|Hulu|HBO Max|Crunchyroll`),
    url: urlHost(String.raw`primevideo\.com|disneyplus\.com|hulu\.com|max\.com|crunchyroll\.com`),
  }),
  ...tool('spotify', 'Entertainment > Music > Spotify', {
    app: String.raw`^spotify\b`,
    title: String.raw`^Spotify(?: Premium| Free)?(?:\s*${SEP}|$)`,
    url: String.raw`^(?:https?://)?open\.spotify\.com\b`,
  }),
  ...tool('games', 'Entertainment > Games', {
    app: String.raw`^(?:steam|steamwebhelper|lutris|heroic|minecraft[\w .-]*|roblox\w*|sol|aisleriot|gnome-(?:mines|sudoku|chess|mahjongg|2048)|kpat|kmines)$`,
    title: String.raw`${titleSegment(String.raw`Steam|Solitaire|Minesweeper|Wordle|Candy Crush(?: Saga)?|Roblox|Chess\.com|lichess\.org`)}|\bPlay Chess Online\b`,
    url: urlHost(String.raw`steampowered\.com|chess\.com|lichess\.org|roblox\.com|poki\.com|miniclip\.com|crazygames\.com|epicgames\.com`),
  }),

  // News
  ...tool('news', 'News', {
    title: titleSegment(
      String.raw`CNN(?: International| Politics| Business)?|BBC News|Fox News|The New York Times|The Guardian|The Washington Post|Washington Post|Google News|Yahoo News|NBC News|ABC News|CBS News|HuffPost|Daily Mail Online|BuzzFeed(?: News)?|USA Today|Hacker News`,
    ),
    url: urlHost(
      String.raw`cnn\.com|bbc\.com/news|bbc\.co\.uk/news|foxnews\.com|nytimes\.com|theguardian\.com|washingtonpost\.com|news\.google\.com|news\.yahoo\.com|nbcnews\.com|abcnews\.go\.com|cbsnews\.com|huffpost\.com|dailymail\.co\.uk|buzzfeed\.com|usatoday\.com|news\.ycombinator\.com`,
    ),
  }),
]);
