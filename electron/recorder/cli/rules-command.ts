import type { Command } from 'commander';
import { RATINGS, RULE_FIELDS } from '../../../shared/categories';
import { RulesStore } from '../store/rules-store';
import { oneOf, type GlobalOptions } from './options';
import { withStore } from './with-store';

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

const withRules = <T>(options: GlobalOptions, fn: (rules: RulesStore) => T): T => withStore(options, (store) => fn(new RulesStore(store.db)));

const out = (text: string) => process.stdout.write(`${text}\n`);

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('category rules and productivity ratings; a change re-categorises all past activity');

  rules
    .command('list')
    .description('every rule (yours first, then the built-in ones) with its category and rating')
    .option('--json', 'print JSON')
    .action((_o: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      withRules(options, (store) => {
        const categorizer = store.categorizer();
        const list = store.allRules().map((r) => ({ ...r, rating: categorizer.ratingOf(r.category) }));
        if (options.json) return out(JSON.stringify({ rules: list, ratings: store.ratings() }, null, 2));
        for (const r of list) {
          const patterns = RULE_FIELDS.filter((f) => r[f] !== undefined)
            .map((f) => `${f}=/${r[f]}/`)
            .join(' ');
          out(`${r.enabled ? ' ' : 'x'} ${r.id.padEnd(28)} ${r.category} [${r.rating}]  ${patterns}${r.source === 'user' ? '  (yours)' : ''}`);
        }
        out('\nx = switched off. Add with `stint rules add`, switch off or remove with `stint rules remove ID`.');
      });
    });

  rules
    .command('add')
    .description('add a rule: regexes (case-insensitive) over app, title and url; every one given must match')
    .requiredOption('--category <path>', 'category path, e.g. "Sales > CRM > Salesforce"')
    .option('--app <regex>', 'pattern for the application name')
    .option('--title <regex>', 'pattern for the window title')
    .option('--url <regex>', 'pattern for the page address')
    .option('--id <id>', 'an id for the rule (default: user-N)')
    .action((_o: AddOptions, command: Command) => {
      const options = command.optsWithGlobals<AddOptions>();
      withRules(options, (store) => {
        const { category, app, title, url, id } = options;
        const rule = store.add(
          {
            category,
            ...(app === undefined ? {} : { app }),
            ...(title === undefined ? {} : { title }),
            ...(url === undefined ? {} : { url }),
            ...(id === undefined ? {} : { id }),
          },
          Date.now(),
        );
        out(`Added rule ${rule.id}: ${rule.category}. Reports now use it for all past activity.`);
      });
    });

  rules
    .command('remove')
    .description('remove one of your rules, or switch a built-in rule off')
    .argument('<id>', 'the rule id from `stint rules list`')
    .action((id: string, _o: GlobalOptions, command: Command) => {
      withRules(command.optsWithGlobals<GlobalOptions>(), (store) => {
        const result = store.remove(id);
        out(result === 'removed' ? `Removed rule ${id}.` : `Switched off built-in rule ${id} (\`stint rules enable ${id}\` brings it back).`);
      });
    });

  rules
    .command('enable')
    .description('switch a built-in rule back on')
    .argument('<id>', 'the rule id')
    .action((id: string, _o: GlobalOptions, command: Command) => {
      withRules(command.optsWithGlobals<GlobalOptions>(), (store) => {
        store.enable(id);
        out(`Switched built-in rule ${id} back on.`);
      });
    });

  rules
    .command('rate')
    .description('rate a category; its subcategories inherit the rating unless rated themselves')
    .argument('<category>', 'category path, e.g. "Communication > Chat"')
    .argument('<rating>', RATINGS.join(' | '), oneOf(RATINGS))
    .action((category: string, rating: string, _o: GlobalOptions, command: Command) => {
      withRules(command.optsWithGlobals<GlobalOptions>(), (store) => {
        const saved = store.rate(category, rating);
        out(`${saved.category} is now ${saved.rating}.`);
      });
    });

  rules
    .command('test')
    .description('show which category and rating a window gets, and which rule decides')
    .requiredOption('--app <name>', 'application name')
    .option('--title <title>', 'window title', '')
    .option('--url <url>', 'page address')
    .option('--json', 'print JSON')
    .action((_o: TestOptions, command: Command) => {
      const options = command.optsWithGlobals<TestOptions>();
      withRules(options, (store) => {
        const result = store.categorizer().categorize({ app: options.app, title: options.title, ...(options.url === undefined ? {} : { url: options.url }) });
        if (options.json) return out(JSON.stringify(result));
        out(`${result.category} [${result.rating}]${result.ruleId ? ` by rule ${result.ruleId}` : ' (no rule matches)'}`);
      });
    });
}
