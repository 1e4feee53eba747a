export default function CustomersPage() {
  return <h1 className="text-2xl font-semibold">Customers</h1>;
}
