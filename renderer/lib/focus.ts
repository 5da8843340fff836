/**
 * Focus a drawer's first field once it has slid in — unless the user has already moved into a
 * field meanwhile: what they type must not land in another one.
 */
export function focusFirstField(field: { focus(): void } | null | undefined): void {
  if (!document.activeElement?.closest('input, textarea')) field?.focus();
}
