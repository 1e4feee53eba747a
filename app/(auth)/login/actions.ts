"use server";

import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { signIn } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/redirects";
import { formDataToObject } from "@/lib/serverAction";

const schema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  callbackUrl: z.string().max(2048).optional(),
});

export type SignInState = { error?: string; email?: string };

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations("login");
  const parsed = schema.safeParse(formDataToObject(formData));
  if (!parsed.success) return { error: t("invalid"), email: String(formData.get("email") ?? "").slice(0, 320) };
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeRedirectPath(callbackUrl) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.type === "CredentialsSignin") return { error: t("invalid"), email };
      console.error("[sign-in] failed:", error);
      return { error: t("unavailable"), email };
    }
    throw error; // the redirect after a successful sign-in
  }
}
