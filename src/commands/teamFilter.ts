import * as vscode from 'vscode';
import type { Team } from '../api';
import type { ContactsController } from '../contactsController';
import { plainText } from '../contacts/display';
import { describeError } from '../errors';
import { COMMANDS } from '../names';

type TeamItem = vscode.QuickPickItem & { readonly team?: Team | null };

/**
 * "Filter by Team…": the teams from `GET /teams`; the choice is sent as `team_uuid` with the other
 * filters (a team cannot be checked locally). An argument skips the picker: a team uuid, or null for
 * every team.
 */
export function registerTeamFilterCommand(context: vscode.ExtensionContext, controller: ContactsController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.filterByTeam, async (team?: unknown) => {
      const chosen = typeof team === 'string' || team === null ? await teamFromArgument(controller, team) : await pickTeam(controller);
      if (chosen === undefined) return;
      await controller.setFilter({ ...controller.store.filter, teamUuid: chosen?.uuid }, chosen?.name);
    }),
  );
}

/** A uuid from a keybinding or a test: named from the teams Callbell lists, when it can be. */
async function teamFromArgument(controller: ContactsController, uuid: string | null): Promise<Team | null> {
  if (uuid === null || uuid === '') return null;
  if (controller.teamName(uuid) === undefined) await controller.listTeams().catch(() => undefined);
  return { uuid, name: controller.teamName(uuid) ?? '' };
}

/** Resolves to a team, `null` for every team, or undefined when dismissed. */
function pickTeam(controller: ContactsController): Promise<Team | null | undefined> {
  const current = controller.store.filter.teamUuid;
  const mark = (selected: boolean, label: string): string => (selected ? `$(check) ${label}` : `$(blank) ${label}`);
  const picker = vscode.window.createQuickPick<TeamItem>();
  picker.title = vscode.l10n.t('Filter Contacts by Team');
  picker.placeholder = vscode.l10n.t('Show the contacts of one team');
  picker.busy = true;
  const allTeams: TeamItem = { label: mark(current === undefined, vscode.l10n.t('All teams')), team: null };
  picker.items = [allTeams];
  const cancel = new AbortController();
  void controller.listTeams(cancel.signal).then(
    (teams) => {
      const items = teams.map<TeamItem>((team) => ({
        label: mark(team.uuid === current, plainText(team.name) || team.uuid),
        description: team.members === undefined ? undefined : team.members === 1 ? vscode.l10n.t('1 member') : vscode.l10n.t('{0} members', team.members),
        team,
      }));
      picker.items = [allTeams, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...items];
      if (teams.length === 0) picker.placeholder = vscode.l10n.t('This account has no teams.');
    },
    (error: unknown) => {
      if (!cancel.signal.aborted) picker.items = [allTeams, { label: `$(error) ${describeError(error)}`, alwaysShow: true }];
    },
  ).finally(() => (picker.busy = false));
  return new Promise((resolve) => {
    picker.onDidAccept(() => {
      const [item] = picker.activeItems;
      if (!item || item.team === undefined) return;
      resolve(item.team);
      picker.hide();
    });
    picker.onDidHide(() => {
      cancel.abort();
      picker.dispose();
      resolve(undefined);
    });
    picker.show();
  });
}
