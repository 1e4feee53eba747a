"use client";

import type { ComponentProps } from "react";

/** A select that submits its (GET) form as soon as it changes; the form's button still works without JS. */
export function AutoSubmitSelect(props: Omit<ComponentProps<"select">, "onChange">) {
  return <select {...props} onChange={(event) => event.currentTarget.form?.requestSubmit()} />;
}
