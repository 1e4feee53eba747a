import { beforeAll, describe, expect, it } from "vitest";

import type { Role } from "@/db/schema";
import {
  archiveActionTemplate,
  createActionTemplate,
  deleteActionTemplate,
  getActionTemplate,
  listActionTemplates,
  listActiveActionTemplateOptions,
  unarchiveActionTemplate,
  updateActionTemplate,
} from "@/lib/actionTemplates";
import { listAuditLog } from "@/lib/auditLog";
import type { Actor } from "@/lib/authz";
import { ForbiddenError, NotSignedInError } from "@/lib/errors";
import {
  archiveItemStatus,
  createItemStatus,
  deleteItemStatus,
  getItemStatus,
  listItemStatuses,
  unarchiveItemStatus,
  updateItemStatus,
} from "@/lib/itemStatuses";
import { getOrganizationProfile, updateOrganizationProfile } from "@/lib/organization";
import { getQuickPromisePreferences, saveQuickPromisePreferences } from "@/lib/quickPromiseSettings";
import { changeUserRole, createUser, deactivateUser, listUsers, reactivateUser } from "@/lib/users";

import { actorOf, adminSnapshot, statusByLabel } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();

type Ids = { admin: number; collector: number; viewer: number; status: number; archivedStatus: number; template: number; archivedTemplate: number; inactiveUser: number };
let ids: Ids;

beforeAll(async () => {
  const { db } = database();
  const admin = await actorOf(db, "admin");
  // Targets in every state, so that each refused call would have changed something had it passed.
  const { id: archivedStatus } = await createItemStatus(admin, { label: "Archived one", category: "other", colour: "#475569" });
  await archiveItemStatus(admin, { id: archivedStatus });
  const { id: archivedTemplate } = await createActionTemplate(admin, { name: "Archived template", channel: "task", title: "t", dueOffsetDays: 1 });
  await archiveActionTemplate(admin, { id: archivedTemplate });
  const { id: unused } = await createActionTemplate(admin, { name: "Unused template", channel: "task", title: "t", dueOffsetDays: 1 });
  const inactive = await createUser(admin, { email: "inactive@example.com", name: "Inactive", role: "collector", password: "" });
  await deactivateUser(admin, { id: inactive.id });
  ids = {
    admin: admin.id,
    collector: (await actorOf(db, "collector")).id,
    viewer: (await actorOf(db, "viewer")).id,
    status: (await statusByLabel(db, "Dispute – price")).id,
    archivedStatus,
    template: unused,
    archivedTemplate,
    inactiveUser: inactive.id,
  };
});

/** Every admin write function, called with input that would succeed for an admin. */
const WRITES: Record<string, (actor: Actor | null) => Promise<unknown>> = {
  createItemStatus: (a) => createItemStatus(a, { label: "Sneaky", category: "other", colour: "#475569" }),
  updateItemStatus: (a) =>
    updateItemStatus(a, { id: ids.status, label: "Renamed", category: "dispute", colour: "#dc2626", sortOrder: 20 }),
  archiveItemStatus: (a) => archiveItemStatus(a, { id: ids.status }),
  unarchiveItemStatus: (a) => unarchiveItemStatus(a, { id: ids.archivedStatus }),
  deleteItemStatus: (a) => deleteItemStatus(a, { id: ids.archivedStatus }),
  createActionTemplate: (a) => createActionTemplate(a, { name: "Sneaky", channel: "call", title: "x", dueOffsetDays: 0 }),
  updateActionTemplate: (a) =>
    updateActionTemplate(a, { id: ids.template, name: "Renamed", channel: "call", title: "x", dueOffsetDays: 3 }),
  archiveActionTemplate: (a) => archiveActionTemplate(a, { id: ids.template }),
  unarchiveActionTemplate: (a) => unarchiveActionTemplate(a, { id: ids.archivedTemplate }),
  deleteActionTemplate: (a) => deleteActionTemplate(a, { id: ids.template }),
  saveQuickPromisePreferences: (a) => saveQuickPromisePreferences(a, { statusId: ids.status, delayDays: 3 }),
  updateOrganizationProfile: (a) =>
    updateOrganizationProfile(a, { name: "Taken over", timeZone: "UTC", currency: "USD", locale: "fr", collectorsOwnCustomersOnly: true }),
  createUser: (a) => createUser(a, { email: "intruder@example.com", name: "Intruder", role: "admin", password: "intruder-password" }),
  changeUserRole: (a) => changeUserRole(a, { id: a?.id ?? ids.viewer, role: "admin" }),
  deactivateUser: (a) => deactivateUser(a, { id: ids.admin }),
  reactivateUser: (a) => reactivateUser(a, { id: ids.inactiveUser }),
};

const READS: Record<string, (actor: Actor | null) => Promise<unknown>> = {
  listItemStatuses: (a) => listItemStatuses(a),
  getItemStatus: (a) => getItemStatus(a, ids.status),
  listActionTemplates: (a) => listActionTemplates(a),
  getActionTemplate: (a) => getActionTemplate(a, ids.template),
  listActiveActionTemplateOptions: (a) => listActiveActionTemplateOptions(a),
  getQuickPromisePreferences: (a) => getQuickPromisePreferences(a),
  getOrganizationProfile: (a) => getOrganizationProfile(a),
  listUsers: (a) => listUsers(a),
  listAuditLog: (a) => listAuditLog(a),
};

describe.each<Role>(["collector", "viewer"])("a %s calling admin lib functions directly", (role) => {
  for (const [name, call] of Object.entries(WRITES)) {
    it(`is refused by ${name} and changes no row`, async () => {
      const { db } = database();
      const actor = await actorOf(db, role);
      const before = await adminSnapshot(db);
      await expect(call(actor)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await adminSnapshot(db)).toEqual(before);
    });
  }
  for (const [name, call] of Object.entries(READS)) {
    it(`is refused by ${name}`, async () => {
      await expect(call(await actorOf(database().db, role))).rejects.toBeInstanceOf(ForbiddenError);
    });
  }
});

describe("an anonymous caller", () => {
  it("is refused by every admin write function and changes no row", async () => {
    const { db } = database();
    const before = await adminSnapshot(db);
    for (const call of Object.values(WRITES)) {
      await expect(call(null)).rejects.toBeInstanceOf(NotSignedInError);
    }
    expect(await adminSnapshot(db)).toEqual(before);
  });
});

describe("an admin", () => {
  it("succeeds with the same calls (so the refusals above are about the role, not the input)", async () => {
    const { db } = database();
    const admin = await actorOf(db, "admin");
    // In an order where each call still has something to do (deleteItemStatus is covered in adminItemStatuses).
    for (const name of [
      "createItemStatus",
      "updateItemStatus",
      "unarchiveItemStatus",
      "createActionTemplate",
      "updateActionTemplate",
      "unarchiveActionTemplate",
      "saveQuickPromisePreferences",
      "createUser",
      "reactivateUser",
      "archiveActionTemplate",
      "deleteActionTemplate",
      "archiveItemStatus",
    ]) {
      await expect(WRITES[name]!(admin), name).resolves.toBeDefined();
    }
    await expect(WRITES.updateOrganizationProfile!(admin)).resolves.toBeDefined();
    for (const call of Object.values(READS)) await expect(call(admin)).resolves.toBeDefined();
  });
});
