"use client";

import { createContext, useContext, useState } from "react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * A status line above the to-do list. A row marked done may leave the list when the page refreshes,
 * so its confirmation is shown here rather than in the row.
 */
export function ActionFeedback({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <AnnounceContext.Provider value={setMessage}>
      <p role="status" className="min-h-5 text-sm font-medium text-emerald-800">
        {message}
      </p>
      {children}
    </AnnounceContext.Provider>
  );
}

export function useAnnounce() {
  return useContext(AnnounceContext);
}
