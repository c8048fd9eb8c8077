/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface ImportMetaEnv {
  /** `false` hides the demo accounts on the login page (deployments without the demo street). */
  readonly VITE_DEMO_ACCOUNTS?: string;
}
