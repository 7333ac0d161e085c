import type { Contact } from '../api/contact';
import type { FieldValue } from '../contacts/fields';
import type { ContactGroup } from '../contacts/grouping';

/** The kinds of row in the Contacts tree. Each carries the id that makes it unique in the whole tree. */
export type ContactsNode = GroupNode | ContactNode | DetailNode | ShowMoreNode;

export interface GroupNode {
  readonly type: 'group';
  readonly id: string;
  readonly group: ContactGroup;
}

export interface ContactNode {
  readonly type: 'contact';
  /** `<group id>/contact:<uuid>`: the same contact under three tags is three rows. */
  readonly id: string;
  readonly contact: Contact;
  readonly parent: GroupNode | undefined;
}

/** One field of a contact, from the field table, as a row under the contact. */
export interface DetailNode {
  readonly type: 'detail';
  readonly id: string;
  readonly contact: Contact;
  readonly field: FieldValue;
  readonly parent: ContactNode;
}

/** The last row of a long group: reveals the next chunk of contacts. */
export interface ShowMoreNode {
  readonly type: 'showMore';
  readonly id: string;
  readonly parent: GroupNode | undefined;
  readonly groupId: string;
  readonly remaining: number;
}
