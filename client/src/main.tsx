import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSession } from './apollo';
import { App } from './App';
import { SessionProvider } from './features/auth/session';
import { applyStoredLargeText } from './features/layout/largeText';
import { initI18n } from './i18n';
import './styles.css';

initI18n();
applyStoredLargeText();
const session = createSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={session.client}>
      <SessionProvider session={session}>
        <App />
      </SessionProvider>
    </ApolloProvider>
  </StrictMode>,
);
