/**
 * Every command id, context key and view id the extension uses, declared once. package.json names
 * the same strings; test/unit/names.test.ts keeps the two in step, and the host suite checks that
 * every contributed command is registered.
 */

export const VIEW_ID = 'callbell.contacts';

/** The authentication provider of VS Code's Accounts menu (`contributes.authentication`). */
export const AUTHENTICATION_PROVIDER = { id: 'callbell', label: 'Callbell' } as const;

export const COMMANDS = {
  setToken: 'callbell.setToken',
  signOut: 'callbell.signOut',
  refresh: 'callbell.refresh',
  groupBy: 'callbell.groupBy',
  filterBySource: 'callbell.filterBySource',
  filterByTags: 'callbell.filterByTags',
  clearFilters: 'callbell.clearFilters',
  searchContacts: 'callbell.searchContacts',
  openInCallbell: 'callbell.openInCallbell',
  openConversation: 'callbell.openConversation',
  copyName: 'callbell.copyName',
  copyPhoneNumber: 'callbell.copyPhoneNumber',
  copyContactId: 'callbell.copyContactId',
  copyDashboardLink: 'callbell.copyDashboardLink',
  copyAssignedUser: 'callbell.copyAssignedUser',
  copyFieldValue: 'callbell.copyFieldValue',
  copyDetails: 'callbell.copyDetails',
  copyAsJson: 'callbell.copyAsJson',
  copyAsVCard: 'callbell.copyAsVCard',
  /** Ctrl/Cmd+C on the tree: details of a contact row, the value of a detail row. */
  copy: 'callbell.copy',
  revealContact: 'callbell.revealContact',
  showMore: 'callbell.showMore',
  showLog: 'callbell.showLog',
  /** One picker for every filter: source, tags, team, text, and clearing them. */
  filter: 'callbell.filter',
  filterByText: 'callbell.filterByText',
  filterByTeam: 'callbell.filterByTeam',
  sortBy: 'callbell.sortBy',
  exportContacts: 'callbell.exportContacts',
  /** Group rows: filter to the group's tag, source or assignee; copy or export the whole group. */
  filterToGroup: 'callbell.filterToGroup',
  copyGroupNames: 'callbell.copyGroupNames',
  copyGroupPhoneNumbers: 'callbell.copyGroupPhoneNumbers',
  copyGroupVCards: 'callbell.copyGroupVCards',
  exportGroup: 'callbell.exportGroup',
  /** "Copy…" for one contact: a picker of its fields and formats (hovers, search). */
  copyContact: 'callbell.copyContact',
  showContact: 'callbell.showContact',
  insertContact: 'callbell.insertContact',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Context keys set with `setContext`; `when` clauses in package.json read them. */
export const CONTEXT_KEYS = {
  /** The view's state (see ViewState): which welcome content shows. */
  state: 'callbell.state',
  /** A key is stored: the commands that need one are offered. */
  signedIn: 'callbell.signedIn',
  /** A filter is set: Clear Filters replaces the filter action. */
  filtered: 'callbell.filtered',
  /** Why the first load failed (see FailureKind), while the view is `failed`: which sentence its welcome content shows. */
  failure: 'callbell.failure',
  /** Contacts are shown, or the stored key may load them: filter, search, refresh and export are offered. */
  contactsAvailable: 'callbell.contactsAvailable',
} as const;

export type ContextKey = (typeof CONTEXT_KEYS)[keyof typeof CONTEXT_KEYS];

/** Context keys VS Code itself provides that package.json uses. */
export const BUILT_IN_CONTEXT_KEYS: readonly string[] = ['view', 'viewItem', 'focusedView', 'listFocus', 'inputFocus', 'editorIsOpen', 'activeEditorIsReadonly'];

/**
 * Tokens of a row's `contextValue`, matched by `viewItem =~ /\btoken\b/` in package.json. The tree
 * writes them from the model's capabilities; nothing reads them back.
 */
export const ROW_TOKENS = ['contact', 'group', 'detail', 'showMore', 'hasHref', 'hasConversation', 'hasPhone', 'hasAssignedUser', 'isBlocked', 'named'] as const;
