import { FluentProvider, Spinner, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { connectOffice, type OfficeConnection } from './office';
import { useAsync } from './hooks/useAsync';

// office.js in a plain browser answers quickly with host null; blocked, it never answers. Wait this long at most.
const officeReadyTimeoutMs = 5000;

const connect = () => connectOffice({ timeoutMs: officeReadyTimeoutMs });

function Root() {
  const office = useAsync<OfficeConnection>(connect, []);
  if (office.data === null) return <Spinner size="small" label="Starting…" style={{ padding: 24 }} />;
  return <App office={office.data} />;
}

const container = document.getElementById('root');
if (container === null) throw new Error('The page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme}>
      <Root />
    </FluentProvider>
  </StrictMode>,
);
