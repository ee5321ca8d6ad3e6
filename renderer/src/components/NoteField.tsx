// A free-text note (span or document), saved when the field loses focus or on Ctrl+Enter. The draft
// follows the stored note when it changes elsewhere (undo, another tab) while the field is not edited.
import { useEffect, useState } from 'react';

interface Props {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onSave: (note: string) => void;
}

export const NOTE_MAX = 5000;

export function NoteField({ id, label, placeholder, value, onSave }: Props) {
  const [draft, setDraft] = useState(value);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  const save = () => {
    const next = draft.trim();
    if (next !== value) onSave(next);
  };
  return (
    <div className="field note-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="input"
        maxLength={NOTE_MAX}
        placeholder={placeholder}
        value={draft}
        onFocus={() => setEditing(true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          setEditing(false);
          save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
    </div>
  );
}
