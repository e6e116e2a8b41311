import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { ApiProblem } from './api.ts';
import { LangProvider } from './i18n.tsx';
import { SessionProvider } from './session.tsx';
import { Shell } from './shell.tsx';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <LangProvider>
        <Router base="/console">
          <SessionProvider>
            <Shell />
          </SessionProvider>
        </Router>
      </LangProvider>
    </QueryClientProvider>
  </StrictMode>,
);
