export { type NotificationSandboxes, startNotificationSandboxes } from './notification-sandboxes';
