import { Link } from 'react-router';

/** An organization's name, linking to its public page. */
export function OrganizationLink({ organization }: { organization: { id: string; name: string } }) {
  return (
    <Link to={`/organizations/${organization.id}`} className="org-link">
      {organization.name}
    </Link>
  );
}
