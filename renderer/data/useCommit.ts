import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MutationRequest } from '../../shared/mutations/registry';
import { StaffRole } from '../../shared/domain/model';
import { commitMutations, DeskWriteError, type CommittedMutation, type WriteFailure } from '../db/commit';
import { deskSessionOf, useSession } from '../app/session';
import { useNotices } from '../app/notices';
import { deskDatabase } from './database';
import { logEvent } from '../app/log';

/** The message a person reads when a write did not happen; it always says what to do next. */
export function describeWriteFailure(t: TFunction, failure: WriteFailure): string {
  if (failure.kind === 'rejected') {
    const { code, params } = failure.rejection;
    // Argument errors carry the validation message key (text.tooLong, text.controlCharacters…):
    // name the field and say what is wrong with it, rather than a generic "invalid".
    const detail = typeof params.message === 'string' && /^(text|tracking)\.[a-zA-Z]+$/.test(params.message) ? params.message : null;
    if (code === 'invalidArguments' && detail) {
      return `${fieldName(t, String(params.field ?? ''))}: ${t(detail as 'text.tooLong', { max: 500 })}`;
    }
    const role = StaffRole.safeParse(params.role);
    return t(`rejection.${code}`, {
      ...params,
      field: params.field ? String(params.field) : '',
      role: role.success ? t(`signIn.roles.${role.data}`) : '',
    });
  }
  return t(`storage.${failure.kind}`);
}

function fieldName(t: TFunction, field: string): string {
  switch (field.split('.')[0]) {
    case 'note':
      return t('receive.note');
    case 'location':
      return t('receive.location');
    case 'trackingNumber':
      return t('receive.trackingLabel');
    case 'to':
      return t('release.proxyName');
    default:
      return field;
  }
}

/**
 * Commits mutations as the signed-in staff member. Resolves with what was committed, or null after
 * showing the reason (nothing was stored in that case).
 */
export function useCommit(): (requests: readonly MutationRequest[]) => Promise<CommittedMutation[] | null> {
  const { t } = useTranslation();
  const show = useNotices((state) => state.show);
  return useCallback(
    async (requests) => {
      const staff = useSession.getState().staff;
      if (!staff) return null;
      try {
        return await commitMutations(deskDatabase(), deskSessionOf(staff), requests);
      } catch (error) {
        const failure = error instanceof DeskWriteError ? error.failure : { kind: 'storageFailed' as const, detail: String(error) };
        logEvent(failure.kind === 'rejected' ? 'warn' : 'error', 'desk.write.failed', {
          kind: failure.kind,
          code: failure.kind === 'rejected' ? failure.rejection.code : null,
          mutations: requests.map((request) => request.name).join(','),
        });
        show({ tone: 'error', text: describeWriteFailure(t, failure) });
        return null;
      }
    },
    [t, show],
  );
}
