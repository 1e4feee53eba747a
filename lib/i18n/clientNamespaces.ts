import type en from "@/messages/en.json";

export type Namespace = keyof typeof en;

/**
 * The message namespaces the client components of each part of the app use. A page's payload
 * carries only its part's namespaces, not the whole catalogue (about 26 KB, twice: in the HTML
 * and in the RSC payload). tests/unit/clientNamespaces.test.ts checks every client component
 * against this list.
 */
export const CLIENT_NAMESPACES = {
  /** The root: the (app) error boundary. */
  shell: ["error"],
  login: ["login"],
  /** The customer file with its tabs: statement, selection, Quick Promise, Change status, actions tab. */
  customerFile: ["customerFile", "statement", "itemTypes", "quickPromise", "changeStatus", "followUps"],
  actions: ["followUps"],
  account: ["account"],
  admin: ["common", "itemStatuses", "actionTemplates", "preferences", "users", "roles", "organization"],
} as const satisfies Record<string, readonly Namespace[]>;

export type ClientPart = keyof typeof CLIENT_NAMESPACES;
