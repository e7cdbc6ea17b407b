import type { Command } from 'commander';
import { RATINGS, RULE_FIELDS, type Rating } from '../../../shared/categories/types';
import { runRequest } from './api-client';
import { oneOf, type GlobalOptions } from './options';
import { writeOut } from './stdout';

interface ListOptions extends GlobalOptions {
  json?: boolean;
}
interface AddOptions extends GlobalOptions {
  category: string;
  app?: string;
  title?: string;
  url?: string;
  id?: string;
}
interface TestOptions extends GlobalOptions {
  app: string;
  title: string;
  url?: string;
  json?: boolean;
}

const out = (text: string) => writeOut(`${text}\n`);

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('category rules and productivity ratings; a change re-categorises all past activity');

  rules
    .command('list')
    .description('every rule (yours first, then the built-in ones) with its category and rating')
    .option('--json', 'print JSON')
    .action(async (_o: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      const list = await runRequest(options, 'rules.list', {});
      if (options.json) return void out(JSON.stringify(list, null, 2));
      for (const r of list.rules) {
        const patterns = RULE_FIELDS.filter((f) => r[f] !== undefined)
          .map((f) => `${f}=/${r[f]}/`)
          .join(' ');
        out(`${r.enabled ? ' ' : 'x'} ${r.id.padEnd(28)} ${r.category} [${r.rating}]  ${patterns}${r.source === 'user' ? '  (yours)' : ''}`);
      }
      out('\nx = switched off. Add with `stint rules add`, switch off or remove with `stint rules remove ID`.');
    });

  rules
    .command('add')
    .description('add a rule: regexes (case-insensitive) over app, title and url; every one given must match')
    .requiredOption('--category <path>', 'category path, e.g. "Sales > CRM > Salesforce"')
    .option('--app <regex>', 'pattern for the application name')
    .option('--title <regex>', 'pattern for the window title')
    .option('--url <regex>', 'pattern for the page address')
    .option('--id <id>', 'an id for the rule (default: user-N)')
    .action(async (_o: AddOptions, command: Command) => {
      const options = command.optsWithGlobals<AddOptions>();
      const { category, app, title, url, id } = options;
      const rule = await runRequest(options, 'rules.add', {
        category,
        ...(app === undefined ? {} : { app }),
        ...(title === undefined ? {} : { title }),
        ...(url === undefined ? {} : { url }),
        ...(id === undefined ? {} : { id }),
      });
      out(`Added rule ${rule.id}: ${rule.category}. Reports now use it for all past activity.`);
      for (const shadow of rule.shadowedBy) {
        const patterns = (['app', 'title', 'url'] as const).flatMap((f) => (shadow[f] === undefined ? [] : [`${f} /${shadow[f]}/`])).join(', ');
        out(
          `Note: ${shadow.windows} window${shadow.windows === 1 ? '' : 's'} it matches (such as "${shadow.example.title}") stay filed under ` +
            `"${shadow.category}" by ${shadow.source === 'user' ? 'your' : 'the built-in'} rule ${shadow.id} (${patterns}), which ranks first. ` +
            `Make this rule's category deeper, or remove rule ${shadow.id}, for it to take them.`,
        );
      }
    });

  rules
    .command('remove')
    .description('remove one of your rules, or switch a built-in rule off')
    .argument('<id>', 'the rule id from `stint rules list`')
    .action(async (id: string, _o: GlobalOptions, command: Command) => {
      const { result } = await runRequest(command.optsWithGlobals<GlobalOptions>(), 'rules.remove', { id });
      out(result === 'removed' ? `Removed rule ${id}.` : `Switched off built-in rule ${id} (\`stint rules enable ${id}\` brings it back).`);
    });

  rules
    .command('enable')
    .description('switch a built-in rule back on')
    .argument('<id>', 'the rule id')
    .action(async (id: string, _o: GlobalOptions, command: Command) => {
      await runRequest(command.optsWithGlobals<GlobalOptions>(), 'rules.enable', { id });
      out(`Switched built-in rule ${id} back on.`);
    });

  rules
    .command('rate')
    .description('rate a category; its subcategories inherit the rating unless rated themselves')
    .argument('<category>', 'category path, e.g. "Communication > Chat"')
    .argument('<rating>', RATINGS.join(' | '), oneOf(RATINGS))
    .action(async (category: string, rating: Rating, _o: GlobalOptions, command: Command) => {
      const saved = await runRequest(command.optsWithGlobals<GlobalOptions>(), 'rules.rate', { category, rating });
      out(`${saved.category} is now ${saved.rating}.`);
    });

  rules
    .command('test')
    .description('show which category and rating a window gets, and which rule decides')
    .requiredOption('--app <name>', 'application name')
    .option('--title <title>', 'window title', '')
    .option('--url <url>', 'page address')
    .option('--json', 'print JSON')
    .action(async (_o: TestOptions, command: Command) => {
      const options = command.optsWithGlobals<TestOptions>();
      const result = await runRequest(options, 'rules.test', {
        app: options.app,
        title: options.title,
        ...(options.url === undefined ? {} : { url: options.url }),
      });
      if (options.json) return void out(JSON.stringify(result));
      out(`${result.category} [${result.rating}]${result.ruleId ? ` by rule ${result.ruleId}` : ' (no rule matches)'}`);
    });
}
