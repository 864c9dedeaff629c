import { describe, expect, it } from 'vitest';
import { detectLanguage, resolveLanguage } from '../i18n/languages.ts';
import { parseRoute, projectHref, routeHref } from './routes.ts';

describe('routes', () => {
  it('parse screens, a project, and their query', () => {
    expect(parseRoute('#/accounts').screen).toBe('accounts');
    expect(parseRoute('#/projects?state=broken').params.get('state')).toBe('broken');
    expect(parseRoute(projectHref('project-a-prod'))).toMatchObject({
      screen: 'project',
      namespace: 'project-a-prod',
    });
    expect(parseRoute(routeHref('resync', { run: 'r1' })).params.get('run')).toBe('r1');
  });

  it('fall back to Projects for anything else, including the serve token fragment', () => {
    for (const hash of ['', '#', '#/nowhere', '#token=abc', '#/project'])
      expect(parseRoute(hash).screen).toBe('projects');
  });
});

describe('language', () => {
  it('comes from the OS/browser list unless the setting names one', () => {
    expect(detectLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(detectLanguage(['fr'])).toBe('en');
    expect(resolveLanguage('system', ['zh-CN'])).toBe('zh-CN');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
  });
});
