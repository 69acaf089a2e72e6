/**
 * A button (or a link drawn as one) in antd's default and primary look, made of a plain element and CSS
 * (index.html: .zs-button), for the controls of a phone's first paint (督办台账, 工作台): antd's Button made
 * its styles at run time there, ~50 ms of the first paint on a slow phone (issue #22). Elsewhere antd's
 * Button is the one to use.
 */
import type { ReactNode } from 'react';

type Props = {
  children: ReactNode;
  icon?: ReactNode;
  primary?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
} & ({ href: string } | { href?: undefined; onClick: () => void; disabled?: boolean; 'aria-expanded'?: boolean; 'aria-controls'?: string });

export function PlainButton(props: Props) {
  const { children, icon, primary, style } = props;
  const className = primary ? 'zs-button zs-button-primary' : 'zs-button';
  const content = (
    <>
      {icon && <span className="zs-button-icon">{icon}</span>}
      <span>{children}</span>
    </>
  );
  if (props.href !== undefined)
    return (
      <a className={className} href={props.href} style={style} data-testid={props['data-testid']}>
        {content}
      </a>
    );
  return (
    <button
      type="button"
      className={className}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-expanded={props['aria-expanded']}
      aria-controls={props['aria-controls']}
      style={style}
      data-testid={props['data-testid']}
    >
      {content}
    </button>
  );
}
