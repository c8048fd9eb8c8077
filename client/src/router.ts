import type { Permission } from '@gridboard/shared';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { prefetchBoard } from '@/pages/board-prefetch';
import { useSessionStore } from '@/stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    public?: boolean;
    /** Needed to open the page; others are sent to the board. */
    permission?: Permission;
    /** Listed in the top bar's menu (label: an i18n key), for those with `permission`. */
    nav?: { label: string; order: number };
    /**
     * A phone (H5) page: shown in the phone frame (title bar, tab bar at the thumb) instead of the
     * top bar. `title` is an i18n key; pages with `tab` are the frame's tabs, for those with `permission`.
     */
    phone?: { title: string; tab?: { label: string; order: number } };
    /** Fills the window without the top bar (the big screen). */
    fullscreen?: boolean;
  }
}

/**
 * Pages. A new page is a component in src/pages and a route here, with the permission it needs;
 * pages are lazy-loaded so the login page stays light.
 */
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true } },
  { path: '/', redirect: { name: 'board' } },
  {
    path: '/board',
    name: 'board',
    component: () => import('@/pages/BoardPage.vue'),
    meta: { permission: 'geo.read', nav: { label: 'nav.board', order: 10 } },
    // The map's snapshots load alongside the page's scripts, not after it has mounted.
    beforeEnter: () => void prefetchBoard(),
  },
  {
    path: '/screen',
    name: 'screen',
    component: () => import('@/pages/ScreenPage.vue'),
    meta: { permission: 'geo.read', fullscreen: true, nav: { label: 'nav.screen', order: 15 } },
  },
  { path: '/password', name: 'password', component: () => import('@/pages/ChangePasswordPage.vue') },
  {
    path: '/registry',
    name: 'registry',
    component: () => import('@/pages/registry/RegistryPage.vue'),
    meta: { permission: 'geo.read', nav: { label: 'nav.registry', order: 20 } },
  },
  {
    path: '/m/inspect',
    name: 'inspect',
    component: () => import('@/pages/phone/InspectPage.vue'),
    meta: {
      permission: 'inspection.record',
      phone: { title: 'inspect.title', tab: { label: 'phone.inspectTab', order: 40 } },
    },
  },
  {
    path: '/inspections',
    name: 'inspections',
    component: () => import('@/pages/inspections/InspectionsPage.vue'),
    meta: { permission: 'inspection.read', nav: { label: 'nav.inspections', order: 40 } },
  },
  {
    path: '/inspections/templates',
    name: 'inspection-templates',
    component: () => import('@/pages/inspections/TemplatesPage.vue'),
    meta: { permission: 'inspection.read' },
  },
  {
    path: '/hazards',
    name: 'hazards',
    component: () => import('@/pages/inspections/HazardsPage.vue'),
    meta: { permission: 'inspection.read', nav: { label: 'nav.hazards', order: 45 } },
  },
  {
    path: '/admin/users',
    name: 'users',
    component: () => import('@/pages/admin/UsersPage.vue'),
    meta: { permission: 'user.manage', nav: { label: 'nav.users', order: 80 } },
  },
  {
    path: '/admin/incident-config',
    name: 'incident-config',
    component: () => import('@/pages/admin/incident-config/IncidentConfigPage.vue'),
    meta: { permission: 'incident.configure', nav: { label: 'nav.incidentConfig', order: 85 } },
  },
  {
    path: '/admin/audit',
    name: 'audit',
    component: () => import('@/pages/admin/AuditPage.vue'),
    meta: { permission: 'audit.read', nav: { label: 'nav.audit', order: 90 } },
  },
  {
    path: '/incidents',
    name: 'incidents',
    component: () => import('@/pages/incidents/IncidentQueuePage.vue'),
    meta: { permission: 'incident.handle', nav: { label: 'incident.nav', order: 30 } },
  },
  {
    path: '/incidents/:id',
    name: 'incident',
    component: () => import('@/pages/incidents/IncidentPage.vue'),
    props: true,
  },
  {
    path: '/whistles/:id?',
    name: 'whistles',
    component: () => import('@/pages/whistles/WhistlesPage.vue'),
    props: true,
    meta: { permission: 'incident.handle', nav: { label: 'whistle.nav', order: 40 } },
  },
  {
    path: '/m/report',
    name: 'phone-report',
    component: () => import('@/pages/phone/PhoneReportPage.vue'),
    meta: {
      permission: 'incident.report',
      phone: { title: 'phone.reportTitle', tab: { label: 'phone.reportTab', order: 10 } },
      nav: { label: 'phone.nav', order: 50 },
    },
  },
  {
    path: '/m/tasks',
    name: 'phone-tasks',
    component: () => import('@/pages/phone/PhoneTasksPage.vue'),
    meta: {
      permission: 'incident.report',
      phone: { title: 'phone.tasksTitle', tab: { label: 'phone.tasksTab', order: 20 } },
    },
  },
  {
    path: '/m/incidents/:id',
    name: 'phone-incident',
    component: () => import('@/pages/incidents/IncidentPage.vue'),
    props: true,
    meta: { phone: { title: 'phone.incidentTitle' } },
  },
  {
    path: '/flood',
    name: 'flood',
    component: () => import('@/pages/flood/FloodConsolePage.vue'),
    meta: { permission: 'flood.read', nav: { label: 'flood.nav.console', order: 30 } },
  },
  {
    path: '/flood/register',
    name: 'flood-register',
    component: () => import('@/pages/flood/RegisterPage.vue'),
    meta: { permission: 'flood.read', nav: { label: 'flood.nav.register', order: 31 } },
  },
  {
    path: '/flood/cards',
    name: 'flood-cards',
    component: () => import('@/pages/flood/TransferCardsPage.vue'),
    meta: { permission: 'flood.read' },
  },
  {
    path: '/m/flood',
    name: 'flood-phone',
    component: () => import('@/pages/phone/FloodPhonePage.vue'),
    meta: {
      permission: 'flood.transfer',
      phone: { title: 'flood.phone.title', tab: { label: 'phone.floodTab', order: 30 } },
      nav: { label: 'flood.nav.phone', order: 32 },
    },
  },
  {
    path: '/m/checkin',
    name: 'flood-checkin',
    component: () => import('@/pages/phone/CheckinPage.vue'),
    meta: { permission: 'flood.transfer', phone: { title: 'flood.checkin.title' } },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  const session = useSessionStore();
  if (to.meta.public) {
    // A logged-in user opening /login goes where they were headed.
    if (to.name === 'login' && session.isAuthenticated) return safeRedirect(to.query.redirect);
    return true;
  }
  if (!session.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } };
  // A password reset by an administrator must be replaced before anything else.
  if (session.user?.mustChangePassword && to.name !== 'password') {
    return { name: 'password', query: { redirect: to.fullPath } };
  }
  if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'board' };
  return true;
});

/** Only same-app paths: `?redirect=//evil.example` must not leave the site. */
export function safeRedirect(target: unknown): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/board';
}
