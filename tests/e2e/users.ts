import path from "node:path";

export const PASSWORD = "demo-password";
export const ROLES = ["admin", "collector", "viewer"] as const;
export type RoleName = (typeof ROLES)[number];

export const emailOf = (role: RoleName) => `${role}@example.com`;
export const storageStateOf = (role: RoleName) => path.join(import.meta.dirname, ".auth", `${role}.json`);
