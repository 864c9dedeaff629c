import { APP_NAME } from '../../shared/app-identity.ts';

export function App() {
  return (
    <main>
      <h1>{APP_NAME}</h1>
    </main>
  );
}
